"""Writes on 依申请公开 cases, one module per workflow. Every function takes the acting user (and a
clock), runs in one transaction under the case's row lock, checks the state machine and permissions,
and records its audit event in the same transaction."""

from gongkai.disclosure.services.appeal import appeal_decide, appeal_record
from gongkai.disclosure.services.assignment import request_assign, request_assign_bulk, request_start_handling
from gongkai.disclosure.services.common import ConcurrentChange
from gongkai.disclosure.services.consultation import request_consultation_finish, request_consultation_start
from gongkai.disclosure.services.correction import (
    request_correction_notice,
    request_correction_receive,
    request_deem_withdrawn,
)
from gongkai.disclosure.services.extension import request_extend
from gongkai.disclosure.services.fee import request_fee_abandon, request_fee_notice, request_fee_paid
from gongkai.disclosure.services.intake import CreatedRequest, RequestInput, request_create, request_register
from gongkai.disclosure.services.notifications import notification_mark_read
from gongkai.disclosure.services.reminders import ReminderRun, reminders_send
from gongkai.disclosure.services.reply import request_close, request_reply

__all__ = [
    "ConcurrentChange",
    "CreatedRequest",
    "ReminderRun",
    "RequestInput",
    "appeal_decide",
    "appeal_record",
    "notification_mark_read",
    "reminders_send",
    "request_assign",
    "request_assign_bulk",
    "request_close",
    "request_consultation_finish",
    "request_consultation_start",
    "request_correction_notice",
    "request_correction_receive",
    "request_create",
    "request_deem_withdrawn",
    "request_extend",
    "request_fee_abandon",
    "request_fee_notice",
    "request_fee_paid",
    "request_register",
    "request_reply",
    "request_start_handling",
]
