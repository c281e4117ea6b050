"""Strings for guided tours: the Tours page, the tour bar above every page, and tour-file problems."""

STRINGS = {
    "tours.title": {"en": "Guided tours", "zh": "导览"},
    "tours.intro": {
        "en": "A tour walks a room through the app: each step opens a page with its settings, says what to look at, "
        "and may ask the room a question before the page shows the answer. Advance with **Next** and **Back** or "
        "with the keys a presentation clicker sends (**Page Down**, **Page Up**). The step is in the address, so a "
        "link reopens the tour where it was.",
        "zh": "导览带着全班走一遍本应用：每一步打开一个页面并设好参数，说明要看什么，还可以先向全班提一个问题，再让页面给出答案。"
        "用 **下一步**、**上一步** 按钮或翻页笔发送的按键（**Page Down**、**Page Up**）前进后退。步骤写在地址里，"
        "所以一个链接能在原来的位置重新打开导览。",
    },
    "tours.summary": {"en": "{steps} steps · about {minutes} minutes · {source}",
                      "zh": "{steps} 步 · 约 {minutes} 分钟 · {source}"},
    "tours.step_minutes": {"en": "{minutes:g} min", "zh": "{minutes:g} 分钟"},
    "tours.uploaded": {"en": "uploaded in this browser tab only", "zh": "仅在此浏览器标签页中上传"},
    "tours.outline": {"en": "Steps", "zh": "步骤"},
    "tours.start": {"en": "Start this tour", "zh": "开始这个导览"},
    "tours.own": {"en": "Your own tour", "zh": "你自己的导览"},
    "tours.own_how": {
        "en": "A tour is a plain TOML or JSON file: a title and a list of steps, each naming a page, its settings "
        "(the same names as in the page's address), a narration in English and Chinese, and optionally a question "
        "with its choices. `tours/README.md` describes the format and `tours/d2l_dropout.toml` is a full example. "
        "Upload one here for this browser tab, or put files in a folder and start the app with "
        "`DROPOUT_EXPLORER_TOURS` set to that folder to offer them to everyone.",
        "zh": "导览是一个普通的 TOML 或 JSON 文件：一个标题和一串步骤，每一步写明页面、页面参数（与页面地址中的名称相同）、"
        "中英文解说，以及可选的带选项的问题。格式见 `tours/README.md`，完整示例见 `tours/d2l_dropout.toml`。"
        "在这里上传只对本浏览器标签页有效；把文件放进一个文件夹，并在启动应用时将 `DROPOUT_EXPLORER_TOURS` 设为该文件夹，"
        "就能提供给所有人。",
    },
    "tours.upload": {"en": "Upload a tour file (.toml or .json)", "zh": "上传导览文件（.toml 或 .json）"},
    "tours.upload_help": {
        "en": "Read as data only, never run. A file with a mistake is named with its step and field.",
        "zh": "只作为数据读取，绝不执行。有错误的文件会指明出错的步骤和字段。",
    },
    # The tour bar.
    # No-break spaces keep "step 1 of 14" on one line: a narrow heading broke it into "step / 1 of 14".
    "tours.position": {"en": "Tour · {tour} · step\u00a0{number}\u00a0of\u00a0{total}",
                       "zh": "导览 · {tour} · 第\u00a0{number}\u00a0步，共\u00a0{total}\u00a0步"},
    "tours.elsewhere": {"en": "This step is on the page “{page}”.", "zh": "这一步在“{page}”页。"},
    "tours.return": {"en": "Open this step's page", "zh": "打开这一步的页面"},
    "tours.back": {"en": "◀ Back", "zh": "◀ 上一步"},
    "tours.next": {"en": "Next ▶", "zh": "下一步 ▶"},
    "tours.end": {"en": "End the tour", "zh": "结束导览"},
    "tours.question": {"en": "**Question for the room.** {text}", "zh": "**请全班思考。** {text}"},
    "tours.no_answer": {
        "en": "The page below answers this one: decide first, then look.",
        "zh": "下面的页面会回答这个问题：先做决定，再看结果。",
    },
    "tours.reveal": {"en": "Reveal the answer", "zh": "揭晓答案"},
    "tours.answer": {"en": "Answer: {number}. {text}", "zh": "答案：{number}. {text}"},
    "tours.unknown_tour": {
        "en": "The link names a tour “{tour}” that this server does not offer (an uploaded tour lives only in the "
        "browser tab that uploaded it). The page opens without a tour.",
        "zh": "链接中的导览“{tour}”在此服务器上不存在（上传的导览只存在于上传它的浏览器标签页中）。页面将不带导览打开。",
    },
    "tours.bad_step": {
        "en": "The link's tour step “{raw}” is not a step number from 1 to {total}; showing step {step}.",
        "zh": "链接中的导览步骤“{raw}”不是 1 到 {total} 之间的步骤编号；显示第 {step} 步。",
    },
    "tours.unused_settings": {
        "en": "Tour step {step} sets {keys}, but the page “{page}” has not shown a control of that name (some appear "
        "only after a prediction or in another section); if it never takes effect, check the tour file.",
        "zh": "导览第 {step} 步设置了 {keys}，但“{page}”页还没有显示这个名称的控件（有些控件要在预测之后或在另一个部分才出现）；"
        "如果一直不起作用，请检查导览文件。",
    },
    # Problems in a tour file: where, then what.
    "tours.problem": {"en": "This tour cannot be used. {where}: {what}", "zh": "无法使用这个导览。{where}：{what}"},
    "tours.where_separator": {"en": ", ", "zh": "，"},
    "tours.where_file": {"en": "File {file}", "zh": "文件 {file}"},
    "tours.where_step": {"en": "step {step}", "zh": "第 {step} 步"},
    "tours.where_field": {"en": "field {field}", "zh": "字段 {field}"},
    "tours.problem_too_big": {"en": "the file is larger than {detail}.", "zh": "文件大于 {detail}。"},
    "tours.problem_suffix": {"en": "a tour file ends in one of {detail}.", "zh": "导览文件的扩展名应为 {detail} 之一。"},
    "tours.problem_syntax": {"en": "the file cannot be read: {detail}", "zh": "无法读取文件：{detail}"},
    "tours.problem_unreadable": {"en": "the file cannot be opened: {detail}", "zh": "无法打开文件：{detail}"},
    "tours.problem_duplicate": {
        "en": "another tour already has the id {detail}; give this one its own.",
        "zh": "已有另一个导览使用 id {detail}；请给这个导览换一个。",
    },
    "tours.problem_missing": {"en": "this field is required.", "zh": "缺少这个必填字段。"},
    "tours.problem_type": {"en": "this should be {detail}.", "zh": "这里应当是：{detail}。"},
    "tours.problem_unknown": {
        "en": "no such field (a typo?); the fields here are {detail}.",
        "zh": "没有这个字段（拼写错误？）；这里可用的字段是 {detail}。",
    },
    "tours.problem_limit": {"en": "too long: at most {detail}.", "zh": "太长：最多 {detail}。"},
    "tours.problem_language": {
        "en": "give the text in English (en), Chinese (zh) or both.",
        "zh": "请用英文（en）、中文（zh）或两者给出这段文字。",
    },
    "tours.problem_page": {"en": "no such page; the pages are {detail}.", "zh": "没有这个页面；可用的页面是 {detail}。"},
    "tours.problem_reserved": {
        "en": "the lecturer's own setting (language, projector mode, predictions, tour, step) cannot be set by a step.",
        "zh": "讲者自己的设置（语言、投影模式、预测、导览、步骤）不能由步骤设置。",
    },
    "tours.problem_answer": {
        "en": "the answer is the number of a choice, from 1 to {detail}.",
        "zh": "答案应是选项的编号，从 1 到 {detail}。",
    },
}
