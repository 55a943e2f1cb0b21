"""Word lists used by the context rules. Written from general knowledge (百家姓, common forms
and office vocabulary); nothing here comes from the evaluation data."""

from __future__ import annotations

# Common single-character surnames (covers the vast majority of the population).
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓"
    "修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵩帖蓬蔚揭生干仉汝乜侍宦芈"
    # traditional-script forms of frequent surnames
    "張劉陳楊黃趙吳週孫馬鄭謝韓馮鄧蕭許葉蘇呂盧薑鍾譚陸範賈韋鄒熊閆賀顧龔萬錢嚴溫齊喬龐顏聶魯嶽翟詹蘭"
)

COMPOUND_SURNAMES = frozenset(
    {
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "令狐",
        "夏侯",
        "长孙",
        "宇文",
        "司徒",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "轩辕",
        "呼延",
        "澹台",
        "赫连",
        "申屠",
        "百里",
        "万俟",
        "钟离",
        "闻人",
        "司空",
        "濮阳",
        "拓跋",
    }
)

# Words after which a person's name usually follows in administrative texts.
NAME_CONTEXT_WORDS = (
    "申请人",
    "被申请人",
    "联系人",
    "当事人",
    "投诉人",
    "被投诉人",
    "举报人",
    "被举报人",
    "法定代表人",
    "负责人",
    "经办人",
    "代理人",
    "委托代理人",
    "收件人",
    "寄件人",
    "户主",
    "姓名",
    "业主",
    "承租人",
    "出租人",
    "借款人",
    "被告人",
    "被告",
    "原告",
    "上诉人",
    "被上诉人",
    "第三人",
    "犯罪嫌疑人",
    "嫌疑人",
    "受害人",
    "被害人",
    "证人",
    "患者",
    "监护人",
    "被监护人",
    "签收人",
    "受送达人",
    "被处罚人",
    "违法行为人",
    "行为人",
    "来信人",
    "来访人",
    "信访人",
    "反映人",
    "求助人",
    "报案人",
    "驾驶人",
    "纳税人",
    "缴款人",
    "收款人",
    "付款人",
    "户名",
    "持卡人",
    "联系人员",
    "家属",
    "经纪人",
    "助理",
    "联系",
    "联络",
    "聯絡",
    "聯繫",
)

# Honorifics / forms of address that follow a full name.
NAME_TITLES = (
    "同志",
    "先生",
    "女士",
    "小姐",
    "老师",
    "师傅",
    "阿姨",
    "老人",
    "大爷",
    "大妈",
    "大姐",
    "医生",
    "律师",
)

# Characters that do not start / continue a given name in context rules.
NAME_STOP_CHARS = frozenset(
    "于在因向对的等称说是和与及为已将被从到了也就都并或而但又即其之所以按经由把给让请向同跟"
    "，。、；：！？,.;:!?（）()《》“”\"' \t\r\n0123456789"
)

# Administrative division suffixes (kept by the generalise operator).
ADMIN_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "省",
    "市",
    "盟",
    "州",
    "区",
    "县",
    "旗",
)

# Suffixes that make a place an address (street, number, building, room, village …).
STREET_SUFFIXES = (
    "路",
    "街",
    "大街",
    "大道",
    "道",
    "巷",
    "弄",
    "胡同",
    "里",
    "号",
    "号楼",
    "号院",
    "栋",
    "幢",
    "座",
    "单元",
    "楼",
    "层",
    "室",
    "户",
    "小区",
    "社区",
    "村",
    "组",
    "屯",
    "庄",
    "苑",
    "花园",
    "公寓",
    "大厦",
    "新村",
    "家园",
    "园",
    "镇",
    "乡",
    "街道",
)

# Sentence-level triggers: if none of these occurs, the (slow) LAC model is not run.
PHONE_CONTEXT = (
    "电话",
    "電話",
    "手机",
    "手機",
    "热线",
    "熱線",
    "传真",
    "傳真",
    "座机",
    "Tel",
    "TEL",
    "tel",
    "Phone",
    "phone",
    "联系方式",
    "聯絡",
    "聯繫",
    "联系",
    "联络",
    "拨打",
    "致电",
    "洽",
)
