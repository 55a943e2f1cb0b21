"""Letters (文书) of 依申请公开: content per type (``content``), Word and PDF (``export``), the
privacy gate (``privacy``) and the services that draft, edit and send them (``services``)."""
