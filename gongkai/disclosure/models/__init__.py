"""依申请公开 models: the case, its clock rows, appeals and in-app notifications."""

from gongkai.disclosure.models.appeal import Appeal
from gongkai.disclosure.models.clock import ClockEvent
from gongkai.disclosure.models.notification import Notification
from gongkai.disclosure.models.request import DisclosureRequest

__all__ = ["Appeal", "ClockEvent", "DisclosureRequest", "Notification"]
