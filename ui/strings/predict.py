"""Strings for prediction prompts (ui/predict.py): the sidebar's switch, the form, its messages, the verdict."""

STRINGS = {
    "predict.toggle": {"en": "Predict before you see", "zh": "先预测，再看结果"},
    "predict.toggle_help": {
        "en": "Before a result appears, write down what you expect. Switch it off for a live demonstration.",
        "zh": "结果出现之前，先写下你的预期。现场演示时可以关掉。",
    },
    "predict.commit": {"en": "Commit my prediction", "zh": "提交我的预测"},
    "predict.change": {"en": "Change my prediction: {answer}", "zh": "修改我的预测：{answer}"},
    "predict.change_help": {"en": "Forget the answer to “{question}” and ask again.",
                            "zh": "清除对“{question}”的回答，重新提问。"},
    "predict.yours": {"en": "**Your prediction:** {answer}", "zh": "**你的预测**：{answer}"},
    "predict.right": {"en": "right", "zh": "正确"},
    "predict.wrong": {"en": "not this time", "zh": "这次没猜中"},
    "predict.right_on_average": {"en": "right on average", "zh": "平均而言猜对了"},
    "predict.hidden": {
        "en": "Predict first: the result appears here once you commit your prediction.",
        "zh": "请先预测：提交预测后，结果会显示在这里。",
    },
    "predict.choose_first": {"en": "Choose one of the answers first.", "zh": "请先选择一个答案。"},
    "predict.number_hint": {"en": "a number from {min} to {max}", "zh": "{min} 到 {max} 之间的数"},
    "predict.number_empty": {"en": "Type a number from {min} to {max} first.",
                             "zh": "请先输入一个 {min} 到 {max} 之间的数。"},
    "predict.number_invalid": {"en": "“{text}” is not a number. Type a number from {min} to {max}.",
                               "zh": "“{text}”不是数字。请输入一个 {min} 到 {max} 之间的数。"},
    "predict.number_range": {"en": "{value} is outside the range: type a number from {min} to {max}.",
                             "zh": "{value} 超出了范围：请输入一个 {min} 到 {max} 之间的数。"},
    "predict.number_whole": {"en": "Type a whole number from {min} to {max}.",
                             "zh": "请输入一个 {min} 到 {max} 之间的整数。"},
    "predict.number_multiple": {"en": "Type a multiple of {step} from {min} to {max}.",
                                "zh": "请输入一个 {min} 到 {max} 之间、{step} 的整数倍的数。"},
}
