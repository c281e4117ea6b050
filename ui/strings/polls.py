"""Strings for class polls: the students' answer page and the lecturer's panel beside a tour question."""

STRINGS = {
    "polls.title": {"en": "Class poll", "zh": "课堂投票"},
    "polls.intro": {
        "en": "Your lecturer's question, answered from your phone. Enter the code on the projector (or scan its QR "
        "code). You can change your answer until answers stop. Nothing about you is stored: this browser tab gets "
        "a random token, and the poll keeps only a scrambled form of it.",
        "zh": "用手机回答老师的问题。输入投影上的代码（或扫描二维码）。在停止作答之前，你可以修改答案。不会存储任何关于你的信息："
        "这个浏览器标签页只有一个随机令牌，投票只保存它的加密摘要。",
    },
    "polls.code_input": {"en": "Room code", "zh": "房间代码"},
    "polls.code_placeholder": {"en": "e.g. K7PX3M", "zh": "例如 K7PX3M"},
    "polls.choose": {"en": "Your answer", "zh": "你的答案"},
    "polls.send": {"en": "Send my answer", "zh": "提交我的答案"},
    "polls.choose_first": {"en": "Choose an answer first.", "zh": "请先选择一个答案。"},
    "polls.sent": {
        "en": "Your answer is in. You may change it and send again until your lecturer stops answers.",
        "zh": "已收到你的答案。在老师停止作答之前，你可以修改后再次提交。",
    },
    "polls.yours": {"en": "Your answer: {choice}", "zh": "你的答案：{choice}"},
    "polls.stopped": {
        "en": "Answers have stopped: {total} in all. This is what the room answered.",
        "zh": "已停止作答：共 {total} 个答案。以下是全班的回答。",
    },
    "polls.refresh": {"en": "Check again", "zh": "刷新"},
    "polls.refresh_help": {
        "en": "Shows whether answers have stopped and, once they have, the room's answers. The page also looks by "
        "itself every few seconds.",
        "zh": "查看是否已停止作答；停止后显示全班的回答。页面也会每隔几秒自动查看。",
    },
    "polls.follows": {
        "en": "Keep this page open: your lecturer's next question comes here under the same code.",
        "zh": "请保持此页面打开：老师的下一个问题会以同一个代码出现在这里。",
    },
    "polls.replaced": {
        "en": "That question is over: your lecturer has asked the next one, shown above.",
        "zh": "这个问题已经结束：老师已经提出了下一个问题，见上方。",
    },
    # The lecturer's panel.
    "polls.open": {"en": "Open a class poll", "zh": "发起课堂投票"},
    "polls.open_help": {
        "en": "Students answer this question on their phones with a short code; the answers appear here as they "
        "come. Only this browser tab can stop or end the poll.",
        "zh": "学生用手机输入一个短代码回答这个问题；答案会实时显示在这里。只有这个浏览器标签页可以停止或结束投票。",
    },
    "polls.code": {"en": "Room code", "zh": "房间代码"},
    "polls.join": {"en": "Open **{address}** and enter **{code}**, or scan the QR code.",
                   "zh": "打开 **{address}** 并输入 **{code}**，或扫描二维码。"},
    "polls.local_address": {
        "en": "This address works on this computer only: for phones, open the app by its network address or use "
        "the hosted demo.",
        "zh": "这个地址只能在本机使用：要让手机访问，请用网络地址打开本应用，或使用在线演示版。",
    },
    "polls.qr_caption": {"en": "Scan to answer", "zh": "扫码作答"},
    "polls.same_room": {
        "en": "The code stays for your next questions: students who joined keep their page open.",
        "zh": "之后的问题沿用这个代码：已加入的学生保持页面打开即可。",
    },
    "polls.count": {"en": "**{total}** answers · {state}", "zh": "**{total}** 个答案 · {state}"},
    "polls.count_one": {"en": "**1** answer · {state}", "zh": "**1** 个答案 · {state}"},
    "polls.choice_field": {"en": "choice", "zh": "选项"},
    "polls.state_open": {"en": "open for answers", "zh": "正在作答"},
    "polls.state_revealed": {"en": "answers stopped", "zh": "已停止作答"},
    "polls.state_closed": {"en": "ended", "zh": "已结束"},
    "polls.answers_axis": {"en": "answers", "zh": "答案数"},
    "polls.stop": {"en": "Stop answers", "zh": "停止作答"},
    "polls.end": {"en": "End the poll", "zh": "结束投票"},
    # Refusals.
    "polls.unknown": {
        "en": "No poll has the code {code}. Check the code on the projector (letters and digits, no O, I or L).",
        "zh": "没有代码为 {code} 的投票。请核对投影上的代码（字母和数字，不含 O、I、L）。",
    },
    "polls.expired": {"en": "The poll {code} has expired (polls last a day).", "zh": "投票 {code} 已过期（投票有效期为一天）。"},
    "polls.closed": {"en": "The poll {code} no longer takes answers.", "zh": "投票 {code} 已不再接受作答。"},
    "polls.invalid_choice": {"en": "That is not one of this poll's answers.", "zh": "这不是本投票的选项。"},
    "polls.not_owner": {
        "en": "Only the browser tab that opened this poll can stop or end it.",
        "zh": "只有发起这个投票的浏览器标签页可以停止或结束它。",
    },
    "polls.unavailable": {
        "en": "Class polls are unavailable right now: their database cannot be reached. Everything else in the app "
        "works.",
        "zh": "课堂投票暂时不可用：无法连接它的数据库。应用的其他部分都能正常使用。",
    },
}
