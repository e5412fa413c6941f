"""Chinese words the extractor reasons with: calendar parts and schedule cues.

Chinese marks tense with particles and adverbs (已, 成功, 将, 计划) rather
than verb forms, so "past" cues are the verb with such a marker or a verb
that only reports a finished act (点火升空, 精准落地).
"""

from __future__ import annotations

NUM = "〇零一二两三四五六七八九十"
YEAR_PARTS = {
    "上半年": ("half", 1),
    "下半年": ("half", 2),
    "年初": ("ypart", 0),
    "初": ("ypart", 0),
    "年中": ("ypart", 1),
    "年底": ("end", 0),
    "年末": ("end", 0),
    "底": ("end", 0),
    "末": ("end", 0),
    "春季": ("season", 3),
    "春天": ("season", 3),
    "夏季": ("season", 6),
    "夏天": ("season", 6),
    "秋季": ("season", 9),
    "秋天": ("season", 9),
    "冬季": ("season", 12),
    "冬天": ("season", 12),
}
MONTH_PARTS = {"上旬": 0, "初": 0, "中旬": 1, "下旬": 2, "底": 2, "末": 2}
RELATIVE_YEARS = {"今年": 0, "本年": 0, "明年": 1, "次年": 1, "后年": 2, "去年": -1, "前年": -2}

CUES: dict[str, str] = {
    "launch": r"发射(?!场|中心|工位|塔)|升空|起飞|飞往|奔月|出征|进入太空|飞行(?!试验)",
    "landing": r"着陆|落月|登月|降落|登陆|落地|月面软着陆",
    "sample_return": r"采样返回|带回|返回地球",
    "return_vehicle": r"返回器|返回舱",
    "negated": r"不(?:会|再)?(?:登月|着陆)",
    "complete": r"建成|建设|构建|建立|投入使用|完成",
    "launch_past": r"(?:成功|顺利|已经?|已于)(?:发射|升空)|发射升空|点火升空|发射成功|进入预定轨道|开启奔月",
    "landing_past": r"(?:成功|顺利|已经?|精准|安全)(?:着陆|降落|落月|落地)|着陆在|降落在|实现.{0,6}着陆",
    "sample_return_past": r"(?:成功|顺利|已经?)带回|带回了",
    "plan": r"将|计划|预计|拟|有望|目标|准备|定于|预定|瞄准|力争|择机|安排|实施|可能|争取|确保|实现|改为|推迟"
    r"|调整|窗口|时间表|暂定|要|坚持|日期|备用",
    "other": r"表示|宣布|介绍|透露|称|说|指出|报道|会议|大会|发布会|论坛|签署|协议|试验|测试|研讨|举行|访问"
    r"|获批"
    r"|立项|提出|发布|召开|启动|运抵|转运|交付|审查|预算|合同|通报|加入|截止日期|截止时间|截止|主场活动|成立|到期|制定|撤回"
    r"|上升器|月面起飞|截止日期|截止时间",
    "superseded": r"原定|原计划|此前计划|曾计划|原本|错过|此前预计",
    "superseded_after": r"的?(?:发射)?(?:机会|窗口|计划)?已?不再考虑|已被取消|已作废",
    "postponed": r"推迟|延期|延迟|推后",
    "cancelled": r"取消|终止|放弃|不再执行|不再进行|中止",
    "failed": r"坠毁|失败|撞击月面|与月面相撞|撞月|坠落|失联|失去联系",
    "hypothetical": r"如果|若|一旦|假如",
    "counterfactual": r"本可|本应|本来",
    "past": r"已于|已经|已(?!运抵)|曾于",
}

STRONG_BOUNDARY = r"[;:；：]|——"
ANAPHORA = r"该(?:任务|探测器|着陆器|站|航天器)|探测器|着陆器|这次任务|此次任务|发射窗口"
FOREIGN = r'(?:"[^"]{1,12}"号|[\u4e00-\u9fff]{2,4}(?:[一二三四五六七八九十]+|\d+)号)(?!运载火箭|火箭|遥)'
MOVE = r"推迟|改为|调整|延期|提前"
