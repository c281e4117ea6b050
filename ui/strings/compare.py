"""Strings for the Compare page (metric names and chart labels come from ui/strings/train.py)."""

STRINGS = {
    "compare.title": {"en": "Compare saved runs", "zh": "对比已保存的运行"},
    "compare.intro": {
        "en": "d2l's network trained with no dropout (p = 0), with the book's rates (0.2 after the first hidden "
        "layer, 0.5 after the second) and with 0.5 after both, several seeds each. The runs were trained in advance "
        "with the Train page's engine, so this page trains nothing. A line is the mean over seeds; the band shows "
        "how much the seeds disagree.",
        "zh": "d2l 的网络分别在不使用暂退法（p = 0）、使用书中的暂退概率（第一个隐藏层后 0.2，第二个隐藏层后 0.5）"
        "以及两层都用 0.5 的情况下训练，每种设置多个随机种子。这些运行事先用“实时训练”页的引擎训练好，"
        "所以本页不做任何训练。曲线是各种子的平均值；阴影带表示不同种子之间的差异有多大。",
    },
    "compare.experiment": {"en": "Experiment", "zh": "实验"},
    "compare.experiment_option": {
        "en": "{name}: {images:,} training images, {epochs} epochs, {seeds} seeds",
        "zh": "{name}：{images:,} 张训练图像，{epochs} 个迭代周期，{seeds} 个种子",
    },
    "compare.about_d2l": {
        "en": "The book's experiment: the full training set for 10 epochs at learning rate 0.5. At that rate a run "
        "can collapse for an epoch or two (its test accuracy falls far below its own best) and recover, or not "
        "in time; triangles on the charts and the reading below say which runs did.",
        "zh": "书中的实验：完整训练集，学习率 0.5，训练 10 个迭代周期。在这个学习率下，某次运行可能会崩溃一两个迭代周期"
        "（测试准确率远低于它自己此前的最佳值），之后恢复，或来不及恢复；图上的三角形和下方的解读会指出是哪些运行。",
    },
    "compare.about_long": {
        "en": "The same, trained five times longer: what happens after the book stops. At learning rate 0.5 "
        "plain SGD can blow up (diverge: the loss becomes NaN) or collapse and recover slowly; look at which "
        "settings do and when.",
        "zh": "同样的设置，训练时间延长到五倍：看看书中停下之后会发生什么。学习率为 0.5 时普通 SGD 可能发散"
        "（损失变为 NaN），也可能崩溃后缓慢恢复；注意哪些设置会这样、在什么时候。",
    },
    "compare.about_small": {
        "en": "Only 2,000 training images for 200 epochs, at learning rate 0.1 with batches of 32. Without dropout "
        "the network memorises its training images (train accuracy in eval mode reaches 1) while its test loss, "
        "lowest within the first 35 epochs, climbs to more than twice that: overfitting. Look at the test loss and "
        "the gap as well as the test accuracy; the reading below compares the settings seed by seed.",
        "zh": "只用 2,000 张训练图像训练 200 个迭代周期，学习率 0.1，批量大小 32。不用暂退法时，网络会记住训练图像"
        "（评估模式下的训练准确率达到 1），而测试损失在前 35 个迭代周期内达到最低，之后升到两倍以上：这就是过拟合。"
        "除了测试准确率，也要看测试损失和差距；下方的解读按种子逐一对比各设置。",
    },
    "compare.about_other": {"en": "Runs found in the folder {name}.", "zh": "在文件夹 {name} 中找到的运行。"},
    "compare.settings": {"en": "Settings", "zh": "设置"},
    "compare.setting_saved": {"en": "p1 = {p1:g}, p2 = {p2:g}", "zh": "p1 = {p1:g}，p2 = {p2:g}"},
    "compare.setting_mine": {"en": "Your runs: {setting}", "zh": "你的运行：{setting}"},
    "compare.metrics": {"en": "Metrics", "zh": "指标"},
    "compare.band": {"en": "Band around the mean", "zh": "均值周围的阴影带"},
    "compare.band_range": {"en": "lowest to highest run", "zh": "最低到最高的运行"},
    "compare.band_std": {"en": "mean ± 1 standard deviation", "zh": "均值 ± 1 个标准差"},
    "compare.smooth": {"en": "Smoothing (epochs averaged)", "zh": "平滑（平均的迭代周期数）"},
    "compare.smooth_raw": {"en": "raw", "zh": "原始值"},
    "compare.smooth_help": {
        "en": "Each run's curve becomes a centred moving average over this many epochs before the mean over "
        "seeds is taken. 'raw' shows the measured values.",
        "zh": "先把每个运行的曲线变成以每个迭代周期为中心、覆盖这么多个迭代周期的移动平均，再对种子取平均。"
        "“原始值”显示测得的数值。",
    },
    "compare.lengths_differ": {
        "en": "These runs differ in length: **{longest}** ran {long} epochs, **{shortest}** {short}. They share one "
        "epoch axis, so the shorter runs fill only its first part: choose runs of one length to compare curves.",
        "zh": "这些运行的长度不同：**{longest}** 训练了 {long} 个迭代周期，**{shortest}** 只有 {short} 个。它们共用"
        "一条迭代周期坐标轴，较短的运行只占据它的开头部分：要比较曲线，请选择长度相同的运行。",
    },
    "compare.smoothed_notice": {
        "en": "Smoothing is on: every curve is a moving average over {k} epochs. The reading below uses the raw "
        "values.",
        "zh": "平滑已开启：每条曲线都是 {k} 个迭代周期的移动平均。下面的解读使用原始值。",
    },
    "compare.subtitle": {"en": "line: mean over runs · band: {band}", "zh": "曲线：各运行的平均 · 阴影带：{band}"},
    "compare.raw_label": {"en": "raw values", "zh": "原始值"},
    "compare.smoothed_label": {"en": "SMOOTHED: moving average over {k} epochs",
                               "zh": "已平滑：{k} 个迭代周期的移动平均"},
    "compare.log_losses": {"en": "Log scale for losses", "zh": "损失使用对数坐标"},
    "compare.log_losses_help": {
        "en": "A run's loss sometimes jumps tenfold or more within an epoch or two, most often at learning rate "
        "0.5; on a log scale those jumps and the small differences between settings are both visible.",
        "zh": "某次运行的损失有时会在一两个迭代周期内暴涨十倍甚至更多，学习率为 0.5 时最常见；"
        "在对数坐标下，这些跳变和各设置之间的细小差异都能看清。",
    },
    "compare.log_axis": {"en": "log scale", "zh": "对数坐标"},
    "compare.mean": {"en": "mean", "zh": "平均值"},
    "compare.low": {"en": "band from", "zh": "阴影带下沿"},
    "compare.high": {"en": "band to", "zh": "阴影带上沿"},
    "compare.runs": {"en": "runs", "zh": "运行数"},
    "compare.diverged_at": {"en": "a run diverged at epoch", "zh": "有运行在此迭代周期发散"},
    "compare.gap_help": {
        "en": "Above zero, the network classifies the images it trained on better than new ones. Both accuracies "
        "are measured in eval mode (dropout off), so the gap is not distorted by dropout's noise.",
        "zh": "大于零表示网络对训练过的图像分类得比新图像更好。两个准确率都在评估模式（关闭暂退法）下测量，"
        "所以这个差距不受暂退法的噪声的影响。",
    },
    "compare.collapsed_at": {"en": "collapsed at epoch", "zh": "崩溃于迭代周期"},
    "compare.run_value": {"en": "this run's value", "zh": "该运行的数值"},
    "compare.collapsed_note": {
        "en": "Triangles mark the epochs where a run had collapsed (hover for the run). The line and the band "
        "include that run, so one collapse pulls the mean of its setting down.",
        "zh": "三角形标出运行处于崩溃状态的迭代周期（悬停可查看是哪次运行）。曲线和阴影带都包含该运行，"
        "所以一次崩溃就会拉低该设置的平均值。",
    },
    "compare.diverged_note": {
        "en": "A run that diverged stops at its last epoch before the loss became NaN; dashed vertical lines mark "
        "where. From there on the mean covers fewer runs (see 'runs' in the tooltip).",
        "zh": "发散的运行在损失变为 NaN 之前的最后一个迭代周期处结束；竖直虚线标出发散的位置。"
        "从那以后，平均值涵盖的运行更少（见提示框中的“运行数”）。",
    },
    "compare.nothing": {"en": "Choose at least one setting and one metric.", "zh": "请至少选择一种设置和一个指标。"},
    "compare.reading": {"en": "What the curves show", "zh": "曲线说明了什么"},
    "compare.reading_intro": {
        "en": "Computed from the runs shown, with raw values: mean ± standard deviation over runs (lowest to "
        "highest, median). A run collapsed at an epoch where its test accuracy fell more than {points} "
        "percentage points below its own best of the epochs before; a run diverged where its training loss "
        "became NaN.",
        "zh": "根据所显示的运行、用原始值计算：各运行的平均值 ± 标准差（最低到最高，中位数）。"
        "若某个迭代周期的测试准确率比该运行此前的最佳值低 {points} 个百分点以上，该运行就在此处崩溃；"
        "训练损失变为 NaN 则为发散。",
    },
    "compare.reading_setting": {
        "en": "**{name}** (runs: {runs}): final test accuracy {final}; best test accuracy {best}; "
        "gap at the last epoch {gap}; test loss lowest at epoch {epochs}; {diverged}; {collapsed}.",
        "zh": "**{name}**（{runs} 次运行）：最终测试准确率 {final}；最佳测试准确率 {best}；"
        "最后一个迭代周期的差距 {gap}；测试损失在第 {epochs} 个迭代周期最低；{diverged}；{collapsed}。",
    },
    "compare.spread": {"en": "{mean:.3f} ± {std:.3f} ({low:.3f} to {high:.3f}, median {median:.3f})",
                       "zh": "{mean:.3f} ± {std:.3f}（{low:.3f} 至 {high:.3f}，中位数 {median:.3f}）"},
    "compare.single": {"en": "{mean:.3f}", "zh": "{mean:.3f}"},
    "compare.without_diverged": {
        "en": "{values} over the {count} runs that did not diverge",
        "zh": "{values}（仅统计未发散的 {count} 次运行）",
    },
    "compare.missing": {"en": "none (no run has a finite value)", "zh": "无（没有运行给出有限值）"},
    "compare.none_diverged": {"en": "no run diverged", "zh": "没有运行发散"},
    "compare.some_diverged": {
        "en": "{count} of {runs} runs diverged (at epoch {epochs})",
        "zh": "{runs} 次运行中有 {count} 次发散（在第 {epochs} 个迭代周期）",
    },
    "compare.some_collapsed": {
        "en": "{count} of {runs} runs collapsed: {which}",
        "zh": "{runs} 次运行中有 {count} 次崩溃：{which}",
    },
    "compare.none_collapsed": {"en": "no run collapsed", "zh": "没有运行崩溃"},
    "compare.collapsed_run": {"en": "seed {seed} at epochs {epochs}, then recovered",
                              "zh": "种子 {seed} 在第 {epochs} 个迭代周期，之后恢复"},
    "compare.collapsed_run_end": {"en": "seed {seed} at epochs {epochs}, still collapsed at its last epoch",
                                  "zh": "种子 {seed} 在第 {epochs} 个迭代周期，到最后一个迭代周期仍处于崩溃状态"},
    "compare.run_values": {"en": "seed {seed} {final:.3f} / {best:.3f}", "zh": "种子 {seed} {final:.3f} / {best:.3f}"},
    "compare.run_values_diverged": {"en": "seed {seed} diverged / {best:.3f}", "zh": "种子 {seed} 发散 / {best:.3f}"},
    "compare.per_run": {"en": "Each run, final / best test accuracy: {runs}.",
                        "zh": "每次运行的最终 / 最佳测试准确率：{runs}。"},
    "compare.mean_dragged": {
        "en": "The mean final test accuracy ({mean:.3f}) is pulled down by the runs still collapsed at the end "
        "({count} of {runs}): the median is {median:.3f}. Each run, final / best test accuracy: {per_run}.",
        "zh": "仍处于崩溃状态的运行（{runs} 次中的 {count} 次）拉低了平均最终测试准确率（{mean:.3f}）："
        "中位数为 {median:.3f}。每次运行的最终 / 最佳测试准确率：{per_run}。",
    },
    "compare.mean_includes_collapsed": {
        "en": "The mean final test accuracy ({mean:.3f}) includes runs still collapsed at the end ({count} of "
        "{runs}). Each run, final / best test accuracy: {per_run}.",
        "zh": "平均最终测试准确率（{mean:.3f}）包含了到最后仍处于崩溃状态的运行（{runs} 次中的 {count} 次）。"
        "每次运行的最终 / 最佳测试准确率：{per_run}。",
    },
    "compare.paired_intro": {
        "en": "Seed by seed: runs with the same seed share their initial weights, training images and batch order, "
        "so only the regularisation differs between them. Each setting minus a baseline: the runs without dropout "
        "that share its seeds and the rest of its setting, where they are shown. With a 95% t-interval over the "
        "seeds for the mean difference. Where that interval contains 0, these runs do not show that either setting "
        "is better:",
        "zh": "按种子逐一对比：种子相同的运行共享初始权重、训练图像和批次顺序，所以它们之间只有正则化不同。"
        "下面是每种设置减去一个基线的差值：若图中有与它种子相同、其余设置也相同的不用暂退法的运行，基线就是它们。"
        "并给出平均差值在各种子上的 95% t 区间。区间包含 0 时，这些运行并未显示哪种设置更好：",
    },
    "compare.paired_line": {"en": "**{name}** − **{base}**: {values}", "zh": "**{name}** − **{base}**：{values}"},
    "compare.paired_final_test_acc": {"en": "Final test accuracy", "zh": "最终测试准确率"},
    "compare.paired_best_test_acc": {"en": "Best test accuracy", "zh": "最佳测试准确率"},
    "compare.paired_final_test_loss": {"en": "Final test loss", "zh": "最终测试损失"},
    "compare.paired_values": {
        "en": "{metric} {mean:+z.3f} on average over {count} seeds (median {median:+z.3f}; per seed {smallest:+z.3f} "
        "to {largest:+z.3f}; 95% interval {low} to {high}): {verdict}.",
        "zh": "{metric}在 {count} 个种子上平均相差 {mean:+z.3f}（中位数 {median:+z.3f}；各种子 {smallest:+z.3f} 至 "
        "{largest:+z.3f}；95% 区间 {low} 至 {high}）：{verdict}。",
    },
    "compare.paired_noise": {
        "en": "the interval contains 0: within the seed-to-seed noise",
        "zh": "区间包含 0：在种子之间的随机波动之内",
    },
    "compare.paired_higher": {
        "en": "the interval lies above 0: with these {count} seeds this setting is higher",
        "zh": "区间在 0 之上：就这 {count} 个种子而言，该设置更高",
    },
    "compare.paired_lower": {
        "en": "the interval lies below 0: with these {count} seeds this setting is lower",
        "zh": "区间在 0 之下：就这 {count} 个种子而言，该设置更低",
    },
    "compare.paired_single": {
        "en": "{metric} {value:+z.3f} for the one seed both ran (seed {seed}): a single pair of runs cannot tell a "
        "difference from seed-to-seed noise.",
        "zh": "{metric}在两者都运行过的唯一种子（种子 {seed}）上相差 {value:+z.3f}：仅一对运行无法把差异与种子之间的"
        "随机波动区分开。",
    },
    "compare.paired_nothing": {"en": "{metric}: no seed where both runs have a value.",
                               "zh": "{metric}：没有两次运行都有数值的种子。"},
    "compare.paired_left_out": {"en": "(Left out: seed {seeds}, where a run diverged.)",
                                "zh": "（未计入：种子 {seeds}，该处有运行发散。）"},
    "compare.paired_collapsed": {
        "en": "At seed {seeds} a run is still collapsed at its last epoch: that difference comes from the collapse, "
        "not from what dropout does to a network that trains normally.",
        "zh": "在种子 {seeds} 上有运行到最后一个迭代周期仍处于崩溃状态：这个差值来自崩溃，"
        "而不是暂退法对正常训练的网络的作用。",
    },
    "compare.paired_unmatched": {
        "en": "**{name}**: no run shares a seed and the rest of its setting with **{base}**, so they are not "
        "compared seed by seed.",
        "zh": "**{name}**：没有运行与 **{base}** 共享种子及其余设置，所以不做按种子的对比。",
    },
    "compare.your_runs": {"en": "Your runs and run files", "zh": "你的运行与运行文件"},
    "compare.your_runs_help": {
        "en": "Runs you trained on the Train page in this session appear among the settings as 'Your runs'. "
        "You can also add run files (JSON) downloaded from this app; they stay for this session.",
        "zh": "你在本次会话中于“实时训练”页训练的运行会以“你的运行”出现在设置中。"
        "你也可以添加从本应用下载的运行文件（JSON）；它们在本次会话中保留。",
    },
    "compare.upload": {"en": "Add run files (JSON)", "zh": "添加运行文件（JSON）"},
    "compare.upload_ok": {"en": "Added {name}: {label}.", "zh": "已添加 {name}：{label}。"},
    "compare.upload_bad": {"en": "{name} was not added: {error}", "zh": "{name} 未添加：{error}"},
    "compare.no_epochs": {
        "en": "it lists no finished epoch, so there is nothing to compare",
        "zh": "其中没有完成的迭代周期，无可对比",
    },
    "compare.too_large": {
        "en": "the file is {size:,} bytes; a run record is at most {limit:,} bytes",
        "zh": "文件有 {size:,} 字节；运行记录最多 {limit:,} 字节",
    },
    "compare.download": {"en": "Download what is shown", "zh": "下载所显示的内容"},
    "compare.download_csv": {"en": "Curves (CSV, one row per run and epoch)", "zh": "曲线（CSV，每个运行每个迭代周期一行）"},
    "compare.download_json": {"en": "Runs (JSON, a list of run records)", "zh": "运行（JSON，运行记录列表）"},
    "compare.no_saved": {
        "en": "No saved runs were found in {folder}. Create them with `python -m dropout_core.cached_runs` "
        "(see cached_runs/README.md). Your own runs still work here.",
        "zh": "在 {folder} 中没有找到已保存的运行。可用 `python -m dropout_core.cached_runs` 生成"
        "（见 cached_runs/README.md）。你自己的运行在这里仍然可用。",
    },
    "compare.bad_saved": {"en": "A saved run was skipped: {problem}", "zh": "跳过了一个已保存的运行：{problem}"},
    # --- predict, then see (ui/compare/predictions.py) ---
    "compare.predict_acc": {"en": "Which setting will end with the highest final test accuracy?",
                            "zh": "哪种设置最终的测试准确率最高？"},
    "compare.predict_gap": {"en": "Which setting will end with the largest gap between train and test accuracy?",
                            "zh": "哪种设置最终的训练与测试准确率差距最大？"},
    "compare.predict_acc_yours": {"en": "{name} ends with the highest final test accuracy",
                                  "zh": "{name} 最终的测试准确率最高"},
    "compare.predict_gap_yours": {"en": "{name} ends with the largest train-test gap",
                                  "zh": "{name} 最终的训练与测试差距最大"},
    "compare.predict_clear": {
        "en": "The highest median is {name}'s, clear of every other setting's seed spread (lowest to highest run): "
        "{values}.",
        "zh": "中位数最高的是 {name}，且超出了其他所有设置在不同种子间的波动范围（最低到最高的运行）：{values}。",
    },
    "compare.predict_noise": {
        "en": "Within seed noise: these settings' medians lie within each other's seed spread (lowest to highest "
        "run), so the runs shown cannot say which ends highest: {values}.",
        "zh": "在种子之间的随机波动之内：这些设置的中位数都落在彼此的种子波动范围（最低到最高的运行）之内，"
        "所以这些运行无法说明哪种设置最终更高：{values}。",
    },
    "compare.predict_below": {
        "en": "The settings that may end highest are {names}, within each other's seed spread; yours ends clearly "
        "below the highest median: {values}.",
        "zh": "最终可能最高的设置是 {names}，彼此在种子波动范围之内；你选的设置明显低于最高的中位数：{values}。",
    },
    "compare.predict_value": {"en": "{name}: {values}", "zh": "{name}：{values}"},
    "compare.predict_join": {"en": "; ", "zh": "；"},
    "compare.predict_no_values": {"en": "No setting shown has a final value: every run diverged.",
                                  "zh": "所显示的设置都没有最终值：每次运行都发散了。"},
}
