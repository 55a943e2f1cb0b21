"""Django admin is for reference data only; documents are handled in the workbench."""
