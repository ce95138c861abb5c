<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>Every image pulls.</source>
        <extracomment>Stated wherever the app shows its assumptions (interfaces.md).</extracomment>
        <translation>每个镜像都能拉取成功。</translation>
    </message>
    <message>
        <source>An NFS server implied by PVs exports every path they name.</source>
        <translation>由 PV 推断出的 NFS 服务器会导出这些 PV 指定的每一个路径。</translation>
    </message>
    <message>
        <source>The default cluster has two worker nodes, node-1 and node-2, labelled kubernetes.io/hostname=&lt;name&gt;, kubernetes.io/os=linux, kubernetes.io/arch=amd64.</source>
        <translation>默认集群有两个工作节点 node-1 和 node-2，标签为 kubernetes.io/hostname=&lt;name&gt;、kubernetes.io/os=linux、kubernetes.io/arch=amd64。</translation>
    </message>
    <message>
        <source>Time is simulated: commands take no time; only sleep, settle and play move the clock.</source>
        <translation>时间是模拟的：命令本身不耗时；只有 sleep、settle 和播放会推进时钟。</translation>
    </message>
    <message>
        <source>PersistentVolumes, PersistentVolumeClaims and StorageClasses, bound by the rules of Kubernetes&apos; PV controller (the same search order, checks, events and messages)</source>
        <translation>PersistentVolume、PersistentVolumeClaim 和 StorageClass，按 Kubernetes PV 控制器的规则绑定（相同的查找顺序、检查、事件和消息）</translation>
    </message>
    <message>
        <source>pods, StatefulSets, Services and nodes: scheduling, start-up, ordered creation and scaling, garbage collection</source>
        <translation>Pod、StatefulSet、Service 和节点：调度、启动、有序创建与扩缩容、垃圾回收</translation>
    </message>
    <message>
        <source>NFS servers and the files on their exports</source>
        <translation>NFS 服务器及其导出目录中的文件</translation>
    </message>
    <message>
        <source>claim and PV protection, reclaim policies (Retain, Delete, Recycle), dynamic provisioning</source>
        <translation>claim 与 PV 保护、回收策略（Retain、Delete、Recycle）、动态供应</translation>
    </message>
    <message>
        <source>See how Kubernetes binds storage: a simulator that behaves like a real cluster, drawn as a live graph. Every click is a kubectl or script command; the console shows it.</source>
        <translation>看 Kubernetes 如何绑定存储：一个行为与真实集群一致的模拟器，以实时图形呈现。每次点击都是一条 kubectl 或脚本命令，控制台会显示它。</translation>
    </message>
    <message>
        <source>Command line: {script} runs a script headless; {render} writes pictures.</source>
        <translation>命令行：{script} 在无界面模式下运行脚本；{render} 输出图片。</translation>
    </message>
    <message>
        <source>What it simulates</source>
        <translation>模拟的内容</translation>
    </message>
    <message>
        <source>Assumptions</source>
        <translation>假设</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>The interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>&amp;Delete {kind} {name}</source>
        <translation>删除 {kind} {name}(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Open YAML…</source>
        <extracomment>The word people type for each kind (as in the seed: ``kubectl delete pvc --all``).</extracomment>
        <translation>打开 YAML(&amp;O)…</translation>
    </message>
    <message>
        <source>Apply YAML files (kubectl apply -f FILE); you can also drop files on the window</source>
        <translation>应用 YAML 文件(kubectl apply -f FILE);也可以把文件拖到窗口上</translation>
    </message>
    <message>
        <source>New &amp;PV…</source>
        <translation>新建 PV(&amp;P)…</translation>
    </message>
    <message>
        <source>Create a PersistentVolume from a short form</source>
        <translation>用简短表单创建一个 PersistentVolume</translation>
    </message>
    <message>
        <source>New &amp;claim…</source>
        <translation>新建 claim(&amp;C)…</translation>
    </message>
    <message>
        <source>Create a PersistentVolumeClaim from a short form</source>
        <translation>用简短表单创建一个 PersistentVolumeClaim</translation>
    </message>
    <message>
        <source>Open &amp;session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Open a saved session: its files, actions and clock, replayed</source>
        <translation>打开保存的会话:重放其中的文件、操作和时钟</translation>
    </message>
    <message>
        <source>Sa&amp;ve session…</source>
        <translation>保存会话(&amp;V)…</translation>
    </message>
    <message>
        <source>Save the loaded files, every action and the clock to one file</source>
        <translation>把已加载的文件、每个操作和时钟保存到一个文件</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>导出 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>The whole graph with legend and title, as a PNG picture</source>
        <translation>整张图(含图例和标题)导出为 PNG 图片</translation>
    </message>
    <message>
        <source>Export &amp;SVG…</source>
        <translation>导出 SVG(&amp;S)…</translation>
    </message>
    <message>
        <source>The whole graph with legend and title, as an SVG drawing</source>
        <translation>整张图(含图例和标题)导出为 SVG 矢量图</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Back to the moment before the last command (pauses time)</source>
        <translation>回到上一条命令之前的时刻(会暂停时间)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Replay the command undone last</source>
        <translation>重放最后撤销的命令</translation>
    </message>
    <message>
        <source>Reset to &amp;loaded files</source>
        <translation>重置为已加载的文件(&amp;L)</translation>
    </message>
    <message>
        <source>Back to the files loaded at start (redo brings the session back)</source>
        <translation>回到启动时加载的文件(重做可恢复会话)</translation>
    </message>
    <message>
        <source>Back to &amp;now</source>
        <translation>回到现在(&amp;N)</translation>
    </message>
    <message>
        <source>Leave the past: show the cluster as it is now</source>
        <translation>离开过去:显示集群现在的状态</translation>
    </message>
    <message>
        <source>&amp;Branch from here</source>
        <translation>从这里分支(&amp;B)</translation>
    </message>
    <message>
        <source>Continue from the past moment on screen (what came after it is dropped; Redo brings it back)</source>
        <translation>从屏幕上显示的过去时刻继续(之后发生的会被丢弃;重做可恢复)</translation>
    </message>
    <message>
        <source>kubectl delete the selected object</source>
        <translation>kubectl delete 选中的对象</translation>
    </message>
    <message>
        <source>Clear claim&amp;Ref (reclaim)</source>
        <translation>清除 claimRef(回收)(&amp;R)</translation>
    </message>
    <message>
        <source>The admin&apos;s reclaim step: remove the PV&apos;s claimRef so it becomes Available</source>
        <translation>管理员的回收步骤:删除 PV 的 claimRef,使其变为 Available</translation>
    </message>
    <message>
        <source>&amp;Scale…</source>
        <translation>扩缩容(&amp;S)…</translation>
    </message>
    <message>
        <source>kubectl scale statefulset NAME --replicas=N (the number in the spin box)</source>
        <translation>kubectl scale statefulset NAME --replicas=N(数字取自数值框)</translation>
    </message>
    <message>
        <source>&amp;Fail node</source>
        <translation>节点故障(&amp;F)</translation>
    </message>
    <message>
        <source>The node stops answering (node fail NODE)</source>
        <translation>节点停止响应(node fail NODE)</translation>
    </message>
    <message>
        <source>&amp;Recover node</source>
        <translation>恢复节点(&amp;R)</translation>
    </message>
    <message>
        <source>The node comes back (node recover NODE)</source>
        <translation>节点恢复(node recover NODE)</translation>
    </message>
    <message>
        <source>&amp;Drain node</source>
        <translation>排空节点(&amp;D)</translation>
    </message>
    <message>
        <source>kubectl drain NODE: cordon it and evict its pods</source>
        <translation>kubectl drain NODE:封锁节点并驱逐其上的 pod</translation>
    </message>
    <message>
        <source>&amp;Write a file on the NFS server…</source>
        <translation>在 NFS 服务器上写文件(&amp;W)…</translation>
    </message>
    <message>
        <source>nfs write SERVER:PATH TEXT: pods that mount that export see the file</source>
        <translation>nfs write SERVER:PATH TEXT:挂载该导出目录的 pod 都能看到这个文件</translation>
    </message>
    <message>
        <source>Play / pause the simulation (Space)</source>
        <translation>播放/暂停模拟(空格)</translation>
    </message>
    <message>
        <source>▶| Step</source>
        <translation>▶| 单步</translation>
    </message>
    <message>
        <source>Run until the next change (N)</source>
        <translation>运行到下一次变化(N)</translation>
    </message>
    <message>
        <source>▶▶ Settle</source>
        <translation>▶▶ 稳定</translation>
    </message>
    <message>
        <source>Skip ahead until nothing changes (the settle command)</source>
        <translation>快进直到不再变化(settle 命令)</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>减速</translation>
    </message>
    <message>
        <source>Lesson &amp;gallery…</source>
        <translation>课程库(&amp;G)…</translation>
    </message>
    <message>
        <source>The bundled lessons: run one step by step</source>
        <translation>内置课程:逐步运行其中一个</translation>
    </message>
    <message>
        <source>Open lesson &amp;file…</source>
        <translation>打开课程文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Run a lesson script of your own step by step</source>
        <translation>逐步运行你自己的课程脚本</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Run the next step of the lesson (Space or →)</source>
        <translation>运行课程的下一步(空格或 →)</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Back to the end of the previous step (←)</source>
        <translation>回到上一步结束时(←)</translation>
    </message>
    <message>
        <source>⟲ Restart</source>
        <translation>⟲ 重新开始</translation>
    </message>
    <message>
        <source>Back to the start of the lesson (Home)</source>
        <translation>回到课程开头(Home)</translation>
    </message>
    <message>
        <source>Leave the lesson</source>
        <translation>退出课程</translation>
    </message>
    <message>
        <source>Close the caption bar; the cluster stays as it is</source>
        <translation>关闭字幕栏;集群保持现状</translation>
    </message>
    <message>
        <source>&amp;Fit view</source>
        <translation>适应视图(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>显示整张图</translation>
    </message>
    <message>
        <source>Re-&amp;layout</source>
        <translation>重新布局(&amp;L)</translation>
    </message>
    <message>
        <source>Lay the graph out again, forgetting dragged positions</source>
        <translation>重新排布整张图,忽略拖动过的位置</translation>
    </message>
    <message>
        <source>Collapse / expand &amp;group</source>
        <translation>折叠/展开分组(&amp;G)</translation>
    </message>
    <message>
        <source>Fold the selected object&apos;s innermost group into one card, or unfold the selected card (C)</source>
        <translation>把选中对象所在的最内层分组折叠成一张卡片,或展开选中的卡片(C)</translation>
    </message>
    <message>
        <source>E&amp;xpand all groups</source>
        <translation>展开所有分组(&amp;X)</translation>
    </message>
    <message>
        <source>Unfold every collapsed group (Shift+C)</source>
        <translation>展开所有已折叠的分组(Shift+C)</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Large type and thick lines for projectors; hides the panels (F5 / Esc)</source>
        <translation>适合投影的大字和粗线;隐藏面板(F5 / Esc)</translation>
    </message>
    <message>
        <source>&amp;Animations</source>
        <translation>动画(&amp;A)</translation>
    </message>
    <message>
        <source>Off = reduced motion: state changes appear at once</source>
        <translation>关闭 = 减少动态效果:状态变化立即出现</translation>
    </message>
    <message>
        <source>Focus &amp;console</source>
        <translation>聚焦控制台(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;About pvgraph</source>
        <translation>关于 pvgraph(&amp;A)</translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Expand {group}</source>
        <translation>展开 {group}</translation>
    </message>
    <message>
        <source>Collapse {group}</source>
        <translation>折叠 {group}</translation>
    </message>
    <message>
        <source>NFS server {name}</source>
        <translation>NFS 服务器 {name}</translation>
    </message>
    <message>
        <source>The interface language (from the next start)</source>
        <translation type="vanished">界面语言(下次启动时生效)</translation>
    </message>
    <message>
        <source>Why is it {phase}?</source>
        <translation>为什么它是 {phase}?</translation>
    </message>
    <message>
        <source>Why is it like this?</source>
        <translation>为什么是这样?</translation>
    </message>
    <message>
        <source>NFS export {name}</source>
        <translation>NFS 导出目录 {name}</translation>
    </message>
    <message>
        <source>Expand all groups</source>
        <translation>展开所有分组</translation>
    </message>
    <message>
        <source>Session saved to {name}</source>
        <translation>会话已保存到 {name}</translation>
    </message>
    <message>
        <source>Could not open the session: {error}</source>
        <translation>无法打开会话:{error}</translation>
    </message>
    <message>
        <source>Session {name} opened</source>
        <translation>已打开会话 {name}</translation>
    </message>
    <message>
        <source>The language changes when pvgraph starts again.</source>
        <translation type="vanished">重新启动 pvgraph 后切换语言。</translation>
    </message>
    <message>
        <source>pvgraph sessions (*.pvgraph.json);;All files (*)</source>
        <translation>pvgraph 会话 (*.pvgraph.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>kubectl get pv,pvc · kubectl scale statefulset web --replicas=3 · settle (Tab completes, ↑/↓ history)</source>
        <extracomment>What people type for each kind, in the order offered. kubectl wait&apos;s conditions, offered before the object.</extracomment>
        <translation>kubectl get pv,pvc · kubectl scale statefulset web --replicas=3 · settle(Tab 补全,↑/↓ 历史)</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>About pvgraph</source>
        <translation>关于 pvgraph</translation>
    </message>
    <message>
        <source>Access modes:</source>
        <translation>访问模式：</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Apply YAML files</source>
        <translation>应用 YAML 文件</translation>
    </message>
    <message>
        <source>Capacity:</source>
        <translation>容量：</translation>
    </message>
    <message>
        <source>Export the graph as {fmt}</source>
        <translation>将图导出为 {fmt}</translation>
    </message>
    <message>
        <source>Kubernetes manifests (*.yaml *.yml *.json);;All files (*)</source>
        <translation>Kubernetes 清单 (*.yaml *.yml *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Namespace:</source>
        <translation>命名空间：</translation>
    </message>
    <message>
        <source>New PersistentVolume</source>
        <translation>新建 PersistentVolume</translation>
    </message>
    <message>
        <source>New PersistentVolumeClaim</source>
        <translation>新建 PersistentVolumeClaim</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Path:</source>
        <translation>路径：</translation>
    </message>
    <message>
        <source>Reclaim policy:</source>
        <translation>回收策略：</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>请求容量：</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Storage class:</source>
        <translation>存储类（StorageClass）：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Volume name:</source>
        <translation>卷名（volumeName）：</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Write a file on the NFS server</source>
        <translation>在 NFS 服务器上写入文件</translation>
    </message>
    <message>
        <source>YAML that will be applied:</source>
        <translation>将要应用的 YAML：</translation>
    </message>
</context>
<context>
    <name>EngineBridge</name>
    <message>
        <source>viewing the past</source>
        <extracomment>Documents applied per chunk when building in the background. Engine steps between two yields of the background builder. Wall-clock budget of one background chunk; keeps the window repainting. How long one play tick may run engine steps looking for a visible change. Simulated time one play tick lets pass when nothing is queued. The step button gives up after this much simulated time without a change. Verbs that only read: a line of these that changed nothing is not history. Change records of one operation, in order. The cluster was rebuilt (load, undo, reset, past view); carries the GraphSnapshot. Simulated time in ms, after it moved. A message for the error panel (load errors, failed actions, internal errors). Every command run: the line as a terminal would echo it, its output, success. A short progress note while loading (&quot;Applying big.yaml: 1200/5000&quot;). The change shown from the past (an int), or None back at now. Whether the last command or apply succeeded.</extracomment>
        <translation>正在查看过去</translation>
    </message>
    <message>
        <source>%n queued</source>
        <translation>队列中 %n 项</translation>
    </message>
    <message>
        <source>next change at {time}</source>
        <translation>下次变化于 {time}</translation>
    </message>
    <message>
        <source>settled · next resync at {time}</source>
        <translation>已稳定 · 下次重新同步于 {time}</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>已稳定</translation>
    </message>
    <message>
        <source>The cluster is still loading; try again in a moment.</source>
        <translation>集群仍在加载,请稍后再试。</translation>
    </message>
    <message>
        <source>Viewing the past: go back to now, or branch from here, before changing the cluster.</source>
        <translation>正在查看过去:修改集群前请先回到现在,或从这里分支。</translation>
    </message>
    <message>
        <source>Still loading: wait for the current load to finish.</source>
        <translation>仍在加载:请等待当前加载完成。</translation>
    </message>
    <message>
        <source>Reading files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Loading failed: {error}</source>
        <translation>加载失败:{error}</translation>
    </message>
    <message>
        <source>Applying {name}: {done}/{total}</source>
        <translation>正在应用 {name}:{done}/{total}</translation>
    </message>
    <message>
        <source>Settling… {steps} steps</source>
        <translation>正在稳定… {steps} 步</translation>
    </message>
</context>
<context>
    <name>ErrorPanel</name>
    <message>
        <source>Internal error</source>
        <extracomment>(severity, title, detail); severity is &quot;error&quot; | &quot;internal&quot;.</extracomment>
        <translation>内部错误</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详情</translation>
    </message>
    <message>
        <source>✕ Dismiss</source>
        <translation>✕ 关闭</translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation>关闭这条消息</translation>
    </message>
    <message>
        <source>Dismiss all</source>
        <translation>全部关闭</translation>
    </message>
    <message>
        <source> ({n} older dismissed)</source>
        <translation>(已关闭 {n} 条较早的消息)</translation>
    </message>
    <message>
        <source>{n} message</source>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{n} messages</source>
        <translation>{n} 条消息</translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <source>Warnings only</source>
        <extracomment>Lines kept; a watch scrolls, it does not grow forever.</extracomment>
        <translation>只看 Warning</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <source>, </source>
        <extracomment>How a list inside a sentence is joined (core.explain.LIST_SEPARATOR in English).</extracomment>
        <translation>、</translation>
    </message>
    <message>
        <source>(no labels)</source>
        <translation>(没有标签)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <source>(scheduler only)</source>
        <translation>(只由调度器检查)</translation>
    </message>
    <message>
        <source>&gt;= {size}</source>
        <translation>&gt;= {size}</translation>
    </message>
    <message>
        <source>A claim gets the whole volume: this claim asks for {size} but {volume} has {capacity}; the rest cannot be used by any other claim.</source>
        <translation>claim 得到的是整个卷:这个 claim 请求 {size},而 {volume} 有 {capacity};多出来的部分任何其他 claim 都用不了。</translation>
    </message>
    <message>
        <source>Access modes are matched as a set: a volume must offer every mode the claim asks for ({modes}); {volumes} cannot serve it, however large or free.</source>
        <translation>访问模式按集合匹配:卷必须提供 claim 请求的每一种模式({modes});{volumes} 无论多大、多空闲,都不能满足它。</translation>
    </message>
    <message>
        <source>Binary and decimal units differ: 1Gi is 1073741824 bytes, 1G is 1000000000 bytes, so a 1G volume cannot hold a 1Gi claim.</source>
        <translation>二进制单位和十进制单位不同:1Gi 是 1073741824 字节,1G 是 1000000000 字节,所以 1G 的卷装不下 1Gi 的 claim。</translation>
    </message>
    <message>
        <source>Cannot bind to requested volume: {reason}</source>
        <translation>无法绑定到指定的卷:{reason}</translation>
    </message>
    <message>
        <source>ClaimLost: Bound claim has lost reference to PersistentVolume.</source>
        <translation>ClaimLost: Bound claim has lost reference to PersistentVolume.(已绑定的 claim 丢失了对 PersistentVolume 的引用)</translation>
    </message>
    <message>
        <source>ClaimLost: its PersistentVolume &quot;{volume}&quot; no longer exists</source>
        <translation>ClaimLost:它的 PersistentVolume &quot;{volume}&quot; 已经不存在了</translation>
    </message>
    <message>
        <source>ClaimMisbound: PersistentVolume &quot;{volume}&quot; is bound to another claim</source>
        <translation>ClaimMisbound:PersistentVolume &quot;{volume}&quot; 已绑定到另一个 claim</translation>
    </message>
    <message>
        <source>Class names must be equal to match: {volumes}, the claim wants &quot;{storage_class}&quot;.</source>
        <translation>class 名称必须完全相同才能匹配:{volumes},而 claim 要的是 &quot;{storage_class}&quot;。</translation>
    </message>
    <message>
        <source>Deleting an NFS PV object never deletes the files on the server.</source>
        <translation>删除 NFS PV 对象永远不会删除服务器上的文件。</translation>
    </message>
    <message>
        <source>Deleting the claim makes the volume Released; with the {policy} policy its data stays and it is not reused until an admin clears its claimRef.</source>
        <translation>删除 claim 会让卷变成 Released;在 {policy} 策略下,数据会保留,并且在管理员清除它的 claimRef 之前不会被再次使用。</translation>
    </message>
    <message>
        <source>Deleting the claim makes the volume Released; with the {policy} policy the reclaim policy then applies.</source>
        <translation>删除 claim 会让卷变成 Released;之后按 {policy} 回收策略处理。</translation>
    </message>
    <message>
        <source>Failed volumes keep their data; clearing the claimRef makes the volume Available again (set persistentVolumeReclaimPolicy: Retain first to stop retries), or delete the PV object.</source>
        <translation>Failed 的卷会保留数据;清除 claimRef 可以让卷重新变成 Available(先设置 persistentVolumeReclaimPolicy: Retain 来停止重试),或者删除这个 PV 对象。</translation>
    </message>
    <message>
        <source>FailedBinding: no persistent volumes available for this claim and no storage class is set</source>
        <translation>FailedBinding: no persistent volumes available for this claim and no storage class is set(没有可供这个 claim 使用的 PV,而且没有设置 StorageClass)</translation>
    </message>
    <message>
        <source>FailedBinding: volume &quot;{volume}&quot; already bound to a different claim.</source>
        <translation>FailedBinding: volume &quot;{volume}&quot; already bound to a different claim.(卷 &quot;{volume}&quot; 已经绑定到另一个 claim)</translation>
    </message>
    <message>
        <source>It is Available but reserved for {claim}: only that claim can bind it.</source>
        <translation>它是 Available,但已预留给 {claim}:只有那个 claim 能绑定它。</translation>
    </message>
    <message>
        <source>No StorageClass object &quot;{storage_class}&quot; exists. Static volumes of that class can still bind (only the names are compared), but nothing can be provisioned for it.</source>
        <translation>不存在名为 &quot;{storage_class}&quot; 的 StorageClass 对象。属于这个 class 的静态卷仍然可以绑定(只比较名称),但无法为它动态制备任何卷。</translation>
    </message>
    <message>
        <source>ReadWriteOnce means one node at a time, not one pod: pods on the same node can share the volume (ReadWriteOncePod is the one-pod mode).</source>
        <translation>ReadWriteOnce 的意思是同一时间只能被一个节点使用,而不是一个 pod:同一节点上的多个 pod 可以共享这个卷(只允许一个 pod 的模式是 ReadWriteOncePod)。</translation>
    </message>
    <message>
        <source>Retain keeps the data: nothing clears the claimRef automatically. Removing spec.claimRef makes the volume Available to any matching claim (removing only claimRef.uid reserves it for that claim name).</source>
        <translation>Retain 会保留数据:没有任何组件会自动清除 claimRef。删除 spec.claimRef 后,卷会变成 Available,任何匹配的 claim 都能绑定(只删除 claimRef.uid 则会把它预留给同名的 claim)。</translation>
    </message>
    <message>
        <source>The class &quot;{storage_class}&quot; was filled in by default; it no longer matches class-less static volumes.</source>
        <translation>class &quot;{storage_class}&quot; 是按默认值自动填上的;它不再匹配没有 class 的静态卷。</translation>
    </message>
    <message>
        <source>VolumeMismatch: Cannot bind to requested volume &quot;{volume}&quot;: {reason}</source>
        <translation>VolumeMismatch: Cannot bind to requested volume &quot;{volume}&quot;: {reason}(无法绑定到指定的卷 &quot;{volume}&quot;)</translation>
    </message>
    <message>
        <source>WaitForFirstConsumer is not a failure: the volume is chosen when a pod using the claim is scheduled, on a node that suits both.</source>
        <translation>WaitForFirstConsumer 不是故障:等使用这个 claim 的 pod 被调度时,才会在同时适合两者的节点上选定卷。</translation>
    </message>
    <message>
        <source>WaitForFirstConsumer: waiting for first consumer to be created before binding</source>
        <translation>WaitForFirstConsumer: waiting for first consumer to be created before binding(绑定前等待第一个使用者被创建)</translation>
    </message>
    <message>
        <source>WaitForPodScheduled: waiting for pod {pods} to be scheduled</source>
        <translation>WaitForPodScheduled: waiting for pod {pods} to be scheduled(等待 pod {pods} 被调度)</translation>
    </message>
    <message>
        <source>WaitForPodScheduled: waiting for pods {pods} to be scheduled</source>
        <translation>WaitForPodScheduled: waiting for pods {pods} to be scheduled(等待 pod {pods} 被调度)</translation>
    </message>
    <message>
        <source>all of {modes}</source>
        <translation>全部 {modes}</translation>
    </message>
    <message>
        <source>already bound to {claim}</source>
        <translation>已绑定到 {claim}</translation>
    </message>
    <message>
        <source>an empty claimRef blocks the volume for every claim</source>
        <translation>空的 claimRef 会让所有 claim 都无法使用这个卷</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>being deleted</source>
        <translation>正在删除</translation>
    </message>
    <message>
        <source>being deleted; the pv-protection finalizer keeps it while it is Bound</source>
        <translation>正在删除;只要它还是 Bound,pv-protection finalizer 就会保留它</translation>
    </message>
    <message>
        <source>bound to claim {claim}</source>
        <translation>已绑定到 claim {claim}</translation>
    </message>
    <message>
        <source>bound to this claim</source>
        <translation>已绑定到这个 claim</translation>
    </message>
    <message>
        <source>claimRef still holds the deleted claim {claim} (uid {uid}…)</source>
        <translation>claimRef 仍然指向已删除的 claim {claim}(uid {uid}…)</translation>
    </message>
    <message>
        <source>claimRef still holds the deleted claim {claim} (uid {uid}…); a claim with that name exists now, but it is a different object</source>
        <translation>claimRef 仍然指向已删除的 claim {claim}(uid {uid}…);现在虽然有同名的 claim,但它是另一个对象</translation>
    </message>
    <message>
        <source>class {actual} ≠ {wanted}</source>
        <translation>class 不同:{actual} ≠ {wanted}</translation>
    </message>
    <message>
        <source>external</source>
        <translation>外部</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>满足条件</translation>
    </message>
    <message>
        <source>fits, but {volume} was chosen (smaller, or first by name among equals)</source>
        <translation>满足条件,但选中的是 {volume}(更小,或大小相同时名称排在前面)</translation>
    </message>
    <message>
        <source>group {modes} is searched only when the groups with fewer modes yield nothing</source>
        <translation>只有在模式更少的组都找不到卷时,才会查找 {modes} 组</translation>
    </message>
    <message>
        <source>named by the claim in spec.volumeName</source>
        <translation>claim 在 spec.volumeName 中指定了它</translation>
    </message>
    <message>
        <source>no PersistentVolume matches and provisioning failed: ProvisioningFailed: failed to provision volume with StorageClass &quot;{storage_class}&quot;: claim Selector is not supported</source>
        <translation>没有匹配的 PersistentVolume,动态制备也失败了:ProvisioningFailed: failed to provision volume with StorageClass &quot;{storage_class}&quot;: claim Selector is not supported(使用 selector 的 claim 不能动态制备)</translation>
    </message>
    <message>
        <source>no PersistentVolume matches and provisioning failed: ProvisioningFailed: no volume plugin matched name: {provisioner}</source>
        <translation>没有匹配的 PersistentVolume,动态制备也失败了:ProvisioningFailed: no volume plugin matched name: {provisioner}(没有名为 {provisioner} 的卷插件)</translation>
    </message>
    <message>
        <source>no PersistentVolume matches and provisioning failed: ProvisioningFailed: storageclass.storage.k8s.io &quot;{storage_class}&quot; not found</source>
        <translation>没有匹配的 PersistentVolume,动态制备也失败了:ProvisioningFailed: storageclass.storage.k8s.io &quot;{storage_class}&quot; not found(StorageClass &quot;{storage_class}&quot; 不存在)</translation>
    </message>
    <message>
        <source>no PersistentVolume matches; the PV controller will set the default StorageClass &quot;{storage_class}&quot; on its next sync</source>
        <translation>没有匹配的 PersistentVolume;PV 控制器会在下次同步时设置默认 StorageClass &quot;{storage_class}&quot;</translation>
    </message>
    <message>
        <source>no PersistentVolume matches; the external provisioner &apos;{provisioner}&apos; is creating one (ExternalProvisioning)</source>
        <translation>没有匹配的 PersistentVolume;外部制备器 &apos;{provisioner}&apos; 正在创建一个(ExternalProvisioning)</translation>
    </message>
    <message>
        <source>no PersistentVolume matches; waiting for the external provisioner &apos;{provisioner}&apos; (ExternalProvisioning), which does not run in this simulated cluster</source>
        <translation>没有匹配的 PersistentVolume;正在等待外部制备器 &apos;{provisioner}&apos;(ExternalProvisioning),但它没有在这个模拟集群中运行</translation>
    </message>
    <message>
        <source>no claim (empty claimRef)</source>
        <translation>没有 claim(空的 claimRef)</translation>
    </message>
    <message>
        <source>no modes</source>
        <translation>无访问模式</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>none or {claim}</source>
        <translation>无 或 {claim}</translation>
    </message>
    <message>
        <source>not being deleted</source>
        <translation>未在删除</translation>
    </message>
    <message>
        <source>not checked for a volume pre-bound to this claim</source>
        <translation>卷已预绑定到这个 claim,不检查此项</translation>
    </message>
    <message>
        <source>not checked when the claim names its volume</source>
        <translation>claim 指定了卷时不检查此项</translation>
    </message>
    <message>
        <source>offers {modes}; the claim needs {wanted}</source>
        <translation>提供 {modes};claim 需要 {wanted}</translation>
    </message>
    <message>
        <source>points at an earlier claim with this name (another uid): the volume still holds that claim</source>
        <translation>指向一个更早的同名 claim(uid 不同):卷仍然被那个 claim 占着</translation>
    </message>
    <message>
        <source>pre-bound to this claim</source>
        <translation>已预绑定到这个 claim</translation>
    </message>
    <message>
        <source>reclaiming failed</source>
        <translation>回收失败</translation>
    </message>
    <message>
        <source>reclaiming failed: {message}</source>
        <translation>回收失败:{message}</translation>
    </message>
    <message>
        <source>reserved for this claim, but another volume was chosen</source>
        <translation>预留给了这个 claim,但选中的是另一个卷</translation>
    </message>
    <message>
        <source>selector {empty} (matches everything)</source>
        <translation>选择器 {empty}(匹配所有卷)</translation>
    </message>
    <message>
        <source>selector {requirements}</source>
        <translation>选择器 {requirements}</translation>
    </message>
    <message>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>smallest fitting volume in the first group that has one</source>
        <translation>第一个有合适卷的组中最小的那个卷</translation>
    </message>
    <message>
        <source>storageClassName is unset and there is no default StorageClass: the claim matches only class-less volumes, like storageClassName: &quot;&quot;. Unlike &quot;&quot;, an unset class is filled in once a default class exists.</source>
        <translation>没有设置 storageClassName,也没有默认 StorageClass:claim 只匹配没有 class 的卷,和 storageClassName: &quot;&quot; 一样。但与 &quot;&quot; 不同,一旦出现默认 class,未设置的 class 会被自动填上。</translation>
    </message>
    <message>
        <source>storageClassName is unset, so the default StorageClass &quot;{storage_class}&quot; applies; write storageClassName: &quot;&quot; to bind a class-less static volume.</source>
        <translation>没有设置 storageClassName,所以使用默认 StorageClass &quot;{storage_class}&quot;;要绑定没有 class 的静态卷,请写 storageClassName: &quot;&quot;。</translation>
    </message>
    <message>
        <source>storageClassName: &quot;&quot; means &quot;no class&quot;: only volumes without a class match, nothing is provisioned, and no default class is ever applied.</source>
        <translation>storageClassName: &quot;&quot; 表示&quot;没有 class&quot;:只匹配没有 class 的卷,不会动态制备,也永远不会套用默认 class。</translation>
    </message>
    <message>
        <source>the PV controller does not check node affinity</source>
        <translation>PV 控制器不检查节点亲和性</translation>
    </message>
    <message>
        <source>the PV controller has not synced it yet</source>
        <translation>PV 控制器还没有同步它</translation>
    </message>
    <message>
        <source>the PV controller leaves unbound volumes to the scheduler</source>
        <translation>PV 控制器把未绑定的卷留给调度器处理</translation>
    </message>
    <message>
        <source>the claim names volume &quot;{volume}&quot; (spec.volumeName), which does not exist; it stays Pending until it does</source>
        <translation>claim 指定了卷 &quot;{volume}&quot;(spec.volumeName),但这个卷不存在;在它出现之前,claim 一直是 Pending</translation>
    </message>
    <message>
        <source>the claim names {volume} in spec.volumeName</source>
        <translation>claim 在 spec.volumeName 中指定了 {volume}</translation>
    </message>
    <message>
        <source>the volume&apos;s access-mode set lacks a requested mode, so its group is not searched</source>
        <translation>卷的访问模式集合缺少 claim 请求的模式,所以不会查找它所在的组</translation>
    </message>
    <message>
        <source>volume {volume} fits; the PV controller binds it on its next sync</source>
        <translation>卷 {volume} 满足条件;PV 控制器会在下次同步时绑定它</translation>
    </message>
    <message>
        <source>volume {volume} matches; the PV controller binds it on its next sync</source>
        <translation>卷 {volume} 匹配;PV 控制器会在下次同步时绑定它</translation>
    </message>
    <message>
        <source>{check}: wanted {wanted}, actual {actual}</source>
        <translation>{check}:需要 {wanted},实际 {actual}</translation>
    </message>
    <message>
        <source>{check}: {detail}</source>
        <translation>{check}:{detail}</translation>
    </message>
    <message>
        <source>{empty} (empty claimRef)</source>
        <translation>{empty}(空的 claimRef)</translation>
    </message>
    <message>
        <source>{error} (the PV controller cannot decide how to bind)</source>
        <translation>{error}(PV 控制器无法决定如何绑定)</translation>
    </message>
    <message>
        <source>{holding}; the Retain policy keeps it Released</source>
        <translation>{holding};Retain 策略让它保持 Released</translation>
    </message>
    <message>
        <source>{holding}; the recycler is scrubbing it</source>
        <translation>{holding};回收器正在清理它</translation>
    </message>
    <message>
        <source>{holding}; waiting for its deleter ({deleter}) to remove it</source>
        <translation>{holding};正在等待它的删除器({deleter})删除它</translation>
    </message>
    <message>
        <source>{volume} ({modes})</source>
        <translation>{volume}({modes})</translation>
    </message>
    <message>
        <source>{volume} has {storage_class}</source>
        <translation>{volume} 是 {storage_class}</translation>
    </message>
    <message>
        <source>{volume} is Released: its {policy} policy keeps the data and the old claimRef, so it is never reused automatically — clear its spec.claimRef to make it Available.</source>
        <translation>{volume} 是 Released:它的 {policy} 策略会保留数据和旧的 claimRef,所以它永远不会被自动再次使用——清除它的 spec.claimRef 才能让它变成 Available。</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>No StorageClass &quot;{name}&quot; exists: the graph shows it because claims or PVs name it. Binding to existing PVs compares the class names only; provisioning for it fails (storageclass.storage.k8s.io &quot;{name}&quot; not found).</source>
        <translation>不存在名为 &quot;{name}&quot; 的 StorageClass:图中显示它是因为有 claim 或 PV 引用了这个名字。与现有 PV 绑定时只比较 class 名称;为它动态供应会失败(storageclass.storage.k8s.io &quot;{name}&quot; not found)。</translation>
    </message>
    <message>
        <source>{name} is a directory exported by the NFS server {server}; it is not an API object: the graph shows it because PVs name it. (Simulator assumption: an NFS server implied by PVs exports every path they name.)</source>
        <translation>{name} 是 NFS 服务器 {server} 导出的目录;它不是 API 对象:图中显示它是因为有 PV 引用了它。(模拟器假设:由 PV 推断出的 NFS 服务器会导出 PV 引用的每个路径。)</translation>
    </message>
    <message>
        <source>{kind} {name} is not an API object: the graph shows it because other objects name it.</source>
        <translation>{kind} {name} 不是 API 对象:图中显示它是因为其他对象引用了它。</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选中任何对象</translation>
    </message>
    <message>
        <source>Replicas:</source>
        <translation>副本数:</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>扩缩容</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Describe</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The selected object no longer exists</source>
        <translation>选中的对象已不存在</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
</context>
<context>
    <name>Items</name>
    <message>
        <source>on {node}</source>
        <translation>在 {node} 上</translation>
    </message>
    <message>
        <source>not scheduled</source>
        <translation>未调度</translation>
    </message>
    <message>
        <source>DNS after Ready: {dns}</source>
        <translation>Ready 后可解析 DNS:{dns}</translation>
    </message>
    <message>
        <source>no modes</source>
        <translation>无访问模式</translation>
    </message>
    <message>
        <source>volume {volume}</source>
        <translation>卷 {volume}</translation>
    </message>
    <message>
        <source>got {capacity}</source>
        <translation>实得 {capacity}</translation>
    </message>
    <message>
        <source>on {server}</source>
        <translation>位于 {server}</translation>
    </message>
    <message>
        <source>declared: {name}</source>
        <translation>已声明:{name}</translation>
    </message>
    <message>
        <source>implied by PVs</source>
        <translation>由 PV 推断</translation>
    </message>
    <message>
        <source>NFS server · {count} export</source>
        <translation>NFS 服务器 · {count} 个导出</translation>
    </message>
    <message>
        <source>NFS server · {count} exports</source>
        <translation>NFS 服务器 · {count} 个导出</translation>
    </message>
    <message>
        <source>headless</source>
        <translation>headless</translation>
    </message>
    <message>
        <source>selects {selector}</source>
        <translation>选择 {selector}</translation>
    </message>
    <message>
        <source>no selector</source>
        <translation>无选择器</translation>
    </message>
    <message>
        <source>{replicas} replicas · {policy}</source>
        <translation>{replicas} 个副本 · {policy}</translation>
    </message>
    <message>
        <source>claim template: {templates}</source>
        <translation>claim 模板:{templates}</translation>
    </message>
    <message>
        <source>no claim templates</source>
        <translation>无 claim 模板</translation>
    </message>
    <message>
        <source>{ready} ready</source>
        <translation>{ready} 就绪</translation>
    </message>
    <message>
        <source>no such StorageClass</source>
        <translation>StorageClass 不存在</translation>
    </message>
    <message>
        <source>matching by name only</source>
        <translation>仅按名称匹配</translation>
    </message>
    <message>
        <source>no provisioner</source>
        <translation>无 provisioner</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>no class</source>
        <translation>无 class</translation>
    </message>
    <message>
        <source>claimRef {claim}</source>
        <translation>claimRef {claim}</translation>
    </message>
    <message>
        <source>{count} NFS server</source>
        <translation>{count} 个 NFS 服务器</translation>
    </message>
    <message>
        <source>{count} NFS servers</source>
        <translation>{count} 个 NFS 服务器</translation>
    </message>
    <message>
        <source>{count} export</source>
        <translation>{count} 个导出目录</translation>
    </message>
    <message>
        <source>{count} exports</source>
        <translation>{count} 个导出目录</translation>
    </message>
    <message>
        <source>{count} claim</source>
        <translation>{count} 个 claim</translation>
    </message>
    <message>
        <source>{count} claims</source>
        <translation>{count} 个 claim</translation>
    </message>
    <message>
        <source>{count} pod</source>
        <translation>{count} 个 Pod</translation>
    </message>
    <message>
        <source>{count} pods</source>
        <translation>{count} 个 Pod</translation>
    </message>
    <message>
        <source>{count} StatefulSet</source>
        <translation>{count} 个 StatefulSet</translation>
    </message>
    <message>
        <source>{count} StatefulSets</source>
        <translation>{count} 个 StatefulSet</translation>
    </message>
    <message>
        <source>{count} service</source>
        <translation>{count} 个 Service</translation>
    </message>
    <message>
        <source>{count} services</source>
        <translation>{count} 个 Service</translation>
    </message>
    <message>
        <source>all OK</source>
        <translation>全部正常</translation>
    </message>
    <message>
        <source>(collapsed)</source>
        <translation>(已折叠)</translation>
    </message>
    <message>
        <source>Double-click, click ⊞ or press C to expand</source>
        <translation>双击、点击 ⊞ 或按 C 展开</translation>
    </message>
</context>
<context>
    <name>LessonPlayer</name>
    <message>
        <source>Open a lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Lessons (*.txt *.script);;All files (*)</source>
        <translation>课程 (*.txt *.script);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Pick a lesson. It runs one step at a time: Space or → for the next step, ← to go back, Home to restart.</source>
        <translation>选择一个课程。它一次运行一步:空格或 → 进入下一步,← 返回,Home 重新开始。</translation>
    </message>
    <message>
        <source>{n} steps</source>
        <translation>{n} 步</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{count} steps · press Space to start</source>
        <translation>共 {count} 步 · 按空格开始</translation>
    </message>
    <message>
        <source>Step {position} of {count}</source>
        <translation>第 {position} 步,共 {count} 步</translation>
    </message>
    <message>
        <source>the lesson file is not found</source>
        <extracomment>After every move (start, next, back, restart, leave).</extracomment>
        <translation>找不到课程文件</translation>
    </message>
    <message>
        <source>it has no step {step}</source>
        <translation>课程没有第 {step} 步</translation>
    </message>
    <message>
        <source>running it again does not give the saved state (was the lesson changed?)</source>
        <translation>重新运行课程得不到保存时的状态(课程是否被修改过?)</translation>
    </message>
    <message>
        <source>The session&apos;s lesson {lesson} was not reopened: {why}</source>
        <translation>会话中的课程 {lesson} 没有重新打开:{why}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{n} PV</source>
        <translation>{n} 个 PV</translation>
    </message>
    <message>
        <source>{n} PVs</source>
        <translation>{n} 个 PV</translation>
    </message>
    <message>
        <source>{n} claim</source>
        <translation>{n} 个 claim</translation>
    </message>
    <message>
        <source>{n} claims</source>
        <translation>{n} 个 claim</translation>
    </message>
    <message>
        <source>{n} pod</source>
        <translation>{n} 个 pod</translation>
    </message>
    <message>
        <source>{n} pods</source>
        <translation>{n} 个 pod</translation>
    </message>
    <message>
        <source>{n} StatefulSet</source>
        <translation>{n} 个 StatefulSet</translation>
    </message>
    <message>
        <source>{n} StatefulSets</source>
        <translation>{n} 个 StatefulSet</translation>
    </message>
    <message>
        <source>{n} node</source>
        <translation>{n} 个节点</translation>
    </message>
    <message>
        <source>{n} nodes</source>
        <translation>{n} 个节点</translation>
    </message>
    <message>
        <source>pvgraph — Kubernetes storage, live</source>
        <extracomment>The selected object&apos;s id (uid, or an implied node&apos;s id); &quot;&quot; when nothing.</extracomment>
        <translation>pvgraph — 实时演示 Kubernetes 存储</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>YAML editor</source>
        <translation>YAML 编辑器</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>集群(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>时间(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source> Replicas: </source>
        <translation> 副本数: </translation>
    </message>
    <message>
        <source>Replicas for the selected StatefulSet</source>
        <translation>选中 StatefulSet 的副本数</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>扩缩容</translation>
    </message>
    <message>
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <source>empty cluster</source>
        <translation>空集群</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <source>(unset: the default class, if any, is filled in)</source>
        <translation>(未设置:如有默认 StorageClass,会自动填入)</translation>
    </message>
    <message>
        <source>&quot;&quot; (no class: only PVs without a class)</source>
        <translation>&quot;&quot;(无 class:只匹配没有 class 的 PV)</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>存在时间</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>删除中</translation>
    </message>
    <message>
        <source>yes; waiting for {what}</source>
        <translation>是;正在等待 {what}</translation>
    </message>
    <message>
        <source>grace period</source>
        <translation>宽限期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Access modes</source>
        <translation>访问模式</translation>
    </message>
    <message>
        <source>Reclaim policy</source>
        <translation>回收策略</translation>
    </message>
    <message>
        <source>Storage class</source>
        <translation>StorageClass</translation>
    </message>
    <message>
        <source>Volume mode</source>
        <translation>卷模式</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>NFS export</source>
        <translation>NFS 导出目录</translation>
    </message>
    <message>
        <source>Node affinity</source>
        <translation>节点亲和性</translation>
    </message>
    <message>
        <source>set (only nodes that match can use it)</source>
        <translation>已设置(只有匹配的节点能使用它)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>卷</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(暂无)</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>(not bound)</source>
        <translation>(未绑定)</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用者</translation>
    </message>
    <message>
        <source>(no pod)</source>
        <translation>(无 pod)</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>(not scheduled)</source>
        <translation>(未调度)</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>Controlled by</source>
        <translation>控制者</translation>
    </message>
    <message>
        <source>Not scheduled</source>
        <translation>未调度</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Claim templates</source>
        <translation>Claim 模板</translation>
    </message>
    <message>
        <source>Pod management</source>
        <translation>Pod 管理策略</translation>
    </message>
    <message>
        <source>Claim retention</source>
        <translation>Claim 保留策略</translation>
    </message>
    <message>
        <source>{count} kept · current {name} (#{number})</source>
        <translation>保留 {count} 个 · 当前 {name}(#{number})</translation>
    </message>
    <message>
        <source>rolling out {name} (#{number})</source>
        <translation>正在滚动更新到 {name}(#{number})</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>修订版本</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Schedulable</source>
        <translation>可调度</translation>
    </message>
    <message>
        <source>no (cordoned)</source>
        <translation>否(已封锁)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Pods</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Provisioner</source>
        <translation>供应者</translation>
    </message>
    <message>
        <source>Binding mode</source>
        <translation>绑定模式</translation>
    </message>
    <message>
        <source>Default class</source>
        <translation>默认 class</translation>
    </message>
    <message>
        <source>Cluster IP</source>
        <translation>Cluster IP</translation>
    </message>
    <message>
        <source> (headless)</source>
        <translation>(headless)</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation>选择器</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出目录</translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <source>Speed of play</source>
        <extracomment>Called with each tick&apos;s changes (empty when idle); for tests and the status bar.</extracomment>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Simulated time since the cluster started</source>
        <translation>集群启动以来的模拟时间</translation>
    </message>
    <message>
        <source>playing</source>
        <translation>播放中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Every change is a tick: click or drag to see the cluster at that moment (read-only)</source>
        <extracomment>The change a click or drag asked for (already sent to the bridge).</extracomment>
        <translation>每次变化是一个刻度:点击或拖动可查看集群在那一刻的状态(只读)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>change {seq} · {time}
{what}</source>
        <translation>第 {seq} 次变化 · {time}
{what}</translation>
    </message>
    <message>
        <source>Back to now</source>
        <translation>回到现在</translation>
    </message>
    <message>
        <source>Show the cluster as it is now (End)</source>
        <translation>显示集群现在的状态(End)</translation>
    </message>
    <message>
        <source>Branch from here</source>
        <translation>从这里分支</translation>
    </message>
    <message>
        <source>Continue from this moment: what came after it is dropped (Redo brings it back)</source>
        <translation>从这一刻继续:之后发生的会被丢弃(重做可恢复)</translation>
    </message>
    <message>
        <source>Viewing the past — {time} — change {seq} of {count} (read-only)</source>
        <translation>正在查看过去 — {time} — 第 {seq} 次变化,共 {count} 次(只读)</translation>
    </message>
</context>
<context>
    <name>WhyPanel</name>
    <message>
        <source>class</source>
        <translation>class</translation>
    </message>
    <message>
        <source>access modes</source>
        <translation>访问模式</translation>
    </message>
    <message>
        <source>volume mode</source>
        <translation>卷模式</translation>
    </message>
    <message>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>selector</source>
        <translation>选择器</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>node affinity</source>
        <translation>节点亲和性</translation>
    </message>
    <message>
        <source>binding mode</source>
        <translation>绑定模式</translation>
    </message>
    <message>
        <source>deleting</source>
        <translation>删除中</translation>
    </message>
    <message>
        <source>✓ chosen</source>
        <translation>✓ 已选中</translation>
    </message>
    <message>
        <source>✓ matches</source>
        <translation>✓ 匹配</translation>
    </message>
    <message>
        <source>✗ rejected</source>
        <translation>✗ 不匹配</translation>
    </message>
    <message>
        <source>– not searched</source>
        <translation>– 未查找</translation>
    </message>
    <message>
        <source>✓ pre-bound</source>
        <translation>✓ 预绑定</translation>
    </message>
    <message>
        <source>– not checked</source>
        <translation>– 未检查</translation>
    </message>
    <message>
        <source>✓ ok</source>
        <translation>✓ 通过</translation>
    </message>
    <message>
        <source>wants {value}</source>
        <translation>需要 {value}</translation>
    </message>
    <message>
        <source>wanted: {wanted}
actual: {actual}</source>
        <translation>需要:{wanted}
实际:{actual}</translation>
    </message>
    <message>
        <source>class unset</source>
        <translation>class 未设置</translation>
    </message>
    <message>
        <source>class &quot;&quot; (none)</source>
        <translation>class &quot;&quot;(无)</translation>
    </message>
    <message>
        <source>class &quot;{name}&quot; (the default class)</source>
        <translation>class &quot;{name}&quot;(默认 class)</translation>
    </message>
    <message>
        <source>(no modes)</source>
        <translation>(无访问模式)</translation>
    </message>
    <message>
        <source>selector {selector}</source>
        <translation>选择器 {selector}</translation>
    </message>
    <message>
        <source>no selector</source>
        <translation>无选择器</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>access-mode group</source>
        <translation>访问模式组</translation>
    </message>
    <message>
        <source>→ Hint: {hint}</source>
        <extracomment>The tables shown, for tests and screenshots.</extracomment>
        <translation>→ 提示:{hint}</translation>
    </message>
    <message>
        <source>Select a claim, a PV or a pod to see why it is in its state.</source>
        <translation>选中一个 claim、PV 或 pod,查看它为什么处于当前状态。</translation>
    </message>
    <message>
        <source>{kind} {name}: nothing to explain here. The WHY panel explains claims, PVs, pods and StatefulSets.</source>
        <translation>{kind} {name}:这里没有需要解释的。原因面板解释 claim、PV、pod 和 StatefulSet。</translation>
    </message>
    <message>
        <source>Could not explain this object: {error}</source>
        <translation>无法解释这个对象:{error}</translation>
    </message>
    <message>
        <source>{glyph} Claim {name} is {phase}</source>
        <translation>{glyph} Claim {name} 处于 {phase}</translation>
    </message>
    <message>
        <source>, bound to {volume}</source>
        <translation>,绑定到 {volume}</translation>
    </message>
    <message>
        <source>It asks for: {request}</source>
        <translation>它请求:{request}</translation>
    </message>
    <message>
        <source>⚠ Why not bound: {reason}</source>
        <translation>⚠ 为什么没有绑定:{reason}</translation>
    </message>
    <message>
        <source>PVs the controller considered, in its search order (smallest matching access-mode group first, then smallest size):</source>
        <translation>控制器考虑过的 PV,按它的查找顺序(先是匹配的最小访问模式组,再按容量从小到大):</translation>
    </message>
    <message>
        <source>No PV was considered (there are none, or the claim waits for something else first).</source>
        <translation>没有考虑任何 PV(没有 PV,或者 claim 在先等待别的条件)。</translation>
    </message>
    <message>
        <source>{glyph} PV {name} is {phase}</source>
        <translation>{glyph} PV {name} 处于 {phase}</translation>
    </message>
    <message>
        <source>What holds it: {reason}</source>
        <translation>占住它的是:{reason}</translation>
    </message>
    <message>
        <source>Nothing holds it: any claim that matches it can bind it.</source>
        <translation>没有东西占住它:任何匹配的 claim 都能绑定它。</translation>
    </message>
    <message>
        <source>The one action that frees it:</source>
        <translation>释放它的那一个操作:</translation>
    </message>
    <message>
        <source>▶ Run: {command}</source>
        <translation>▶ 运行:{command}</translation>
    </message>
    <message>
        <source>Runs this command, exactly as typed in the console</source>
        <translation>运行这条命令,和在控制台中输入完全一样</translation>
    </message>
    <message>
        <source>{glyph} Pod {name} is {phase}</source>
        <translation>{glyph} Pod {name} 处于 {phase}</translation>
    </message>
    <message>
        <source>⚠ Scheduler: {message}</source>
        <translation>⚠ 调度器:{message}</translation>
    </message>
    <message>
        <source>Container waits: {reason}: {message}</source>
        <translation>容器在等待:{reason}:{message}</translation>
    </message>
    <message>
        <source>✗ Its claim &quot;{claim}&quot; does not exist yet.</source>
        <translation>✗ 它的 claim &quot;{claim}&quot; 还不存在。</translation>
    </message>
    <message>
        <source>It needs claim {claim}, which is not bound:</source>
        <translation>它需要 claim {claim},但该 claim 尚未绑定:</translation>
    </message>
    <message>
        <source>✓ Its claim {claim} is Bound to {volume}.</source>
        <translation>✓ 它的 claim {claim} 已 Bound 到 {volume}。</translation>
    </message>
    <message>
        <source>{glyph} StatefulSet {name}: {ready} of {want} ready</source>
        <translation>{glyph} StatefulSet {name}:{want} 个中 {ready} 个就绪</translation>
    </message>
    <message>
        <source>Pods are created one at a time, in order: the next one waits until the previous one is Running and Ready.</source>
        <translation>Pod 按顺序逐个创建:下一个要等上一个 Running 并 Ready 之后才创建。</translation>
    </message>
</context>
<context>
    <name>YamlEditor</name>
    <message>
        <source>Paste manifests here and press Apply (Ctrl+Enter), e.g.</source>
        <extracomment>The text to apply; the window runs it through the bridge.</extracomment>
        <translation>在这里粘贴清单,然后按&quot;应用&quot;(Ctrl+Enter),例如</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Apply  (Ctrl+Enter)</source>
        <translation>应用 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>kubectl apply -f - with this text</source>
        <translation>用这段文本执行 kubectl apply -f -</translation>
    </message>
    <message>
        <source>Nothing to apply: paste YAML first.</source>
        <translation>没有可应用的内容:请先粘贴 YAML。</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>已应用</translation>
    </message>
</context>
</TS>
