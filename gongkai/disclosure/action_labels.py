"""Chinese names of this app's audit actions; to be merged into ``core/action_labels.py`` by the lead."""

DISCLOSURE_ACTION_LABELS: dict[str, str] = {
    "disclosure.appeal_decide": "登记复议诉讼结果",
    "disclosure.appeal_record": "登记行政复议或诉讼",
    "disclosure.assign": "分办依申请公开",
    "disclosure.close": "依申请公开归档",
    "disclosure.consultation_finish": "结束征求意见",
    "disclosure.consultation_start": "征求意见",
    "disclosure.correction_notice": "告知补正",
    "disclosure.correction_receive": "登记补正",
    "disclosure.create": "收到依申请公开",
    "disclosure.deem_withdrawn": "视为放弃申请（未补正）",
    "disclosure.extend": "延长答复期限",
    "disclosure.fee_abandon": "视为放弃申请（未缴费）",
    "disclosure.fee_notice": "发出收费通知",
    "disclosure.fee_paid": "登记缴费",
    "disclosure.register": "登记依申请公开",
    "disclosure.reply": "答复依申请公开",
    "disclosure.start_handling": "开始办理依申请公开",
    "disclosure.transfer": "转办依申请公开",
    "disclosure.view_personal": "查看申请人信息",
}
