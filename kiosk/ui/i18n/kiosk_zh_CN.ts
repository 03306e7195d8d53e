<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccessControls</name>
    <message>
        <source>Accessibility</source>
        <translation>无障碍</translation>
    </message>
    <message>
        <source>Easy mode</source>
        <translation>大字模式</translation>
    </message>
    <message>
        <source>Reach mode</source>
        <translation>低位模式</translation>
    </message>
</context>
<context>
    <name>BrandMark</name>
    <message>
        <source>Experience Zone</source>
        <translation>体验专区</translation>
    </message>
    <message>
        <source>Try before you subscribe</source>
        <translation>先体验，再办理</translation>
    </message>
</context>
<context>
    <name>CategoryScreen</name>
    <message numerus="yes">
        <source>%n service(s) to try and compare</source>
        <translation>
            <numerusform>共 %n 项业务，欢迎体验比较</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CategoryTile</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 项业务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoEndPanel</name>
    <message>
        <source>You&apos;ve finished the demo</source>
        <translation>体验完成！</translation>
    </message>
    <message>
        <source>Like what you saw? Subscribe, or go back to read more about the service.</source>
        <translation>喜欢吗？现在就可以办理，也可以返回查看业务详情。</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>立即办理</translation>
    </message>
    <message>
        <source>Back to the service</source>
        <translation>返回业务详情</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再体验一次</translation>
    </message>
</context>
<context>
    <name>DemoScreen</name>
    <message>
        <source>Exit demo</source>
        <translation>退出体验</translation>
    </message>
    <message>
        <source>The demo&apos;s picture: touch a highlighted area</source>
        <translation>演示画面：请点击高亮区域</translation>
    </message>
    <message>
        <source>Touch a highlighted area to continue.</source>
        <translation>请点击高亮区域继续。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Offers for you</source>
        <translation>优惠活动</translation>
    </message>
    <message>
        <source>Explore services</source>
        <translation>业务分类</translation>
    </message>
    <message>
        <source>New services are on their way</source>
        <translation>新业务即将上架</translation>
    </message>
    <message>
        <source>Our staff at the service counter will be glad to help you.</source>
        <translation>服务台的工作人员很乐意为您服务。</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Still there?</source>
        <translation>还在吗？</translation>
    </message>
    <message>
        <source>Touch anywhere for more time</source>
        <translation>轻触任意位置延长时间</translation>
    </message>
    <message numerus="yes">
        <source>To keep your choices private, we will start over in %n second(s).</source>
        <translation>
            <numerusform>为保护您的隐私，%n 秒后将回到首页。</numerusform>
        </translation>
    </message>
    <message>
        <source>More time</source>
        <translation>延长时间</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Experience Zone</source>
        <translation>体验专区</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <source>This kiosk</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>HQ</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Content shown</source>
        <translation>当前内容</translation>
    </message>
    <message>
        <source>Kept for roll back</source>
        <translation>可回退版本</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Events to send</source>
        <translation>待上传事件</translation>
    </message>
    <message>
        <source>Customers&apos; orders</source>
        <translation>顾客订单</translation>
    </message>
    <message>
        <source>Disk free</source>
        <translation>磁盘空间</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Pack %1</source>
        <translation>内容包 %1</translation>
    </message>
    <message>
        <source>Enrolled at HQ</source>
        <translation>已在总部注册</translation>
    </message>
    <message>
        <source>None: this kiosk is not enrolled</source>
        <translation>无：本机尚未注册</translation>
    </message>
    <message>
        <source>Not enrolled (kiosk enroll)</source>
        <translation>未注册（kiosk enroll）</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>可连接</translation>
    </message>
    <message>
        <source>Not reachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>Pack set from HQ</source>
        <translation>总部下发的内容包组</translation>
    </message>
    <message>
        <source>Bundled sample content</source>
        <translation>内置示例内容</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Signature expired</source>
        <translation>签名已过期</translation>
    </message>
    <message>
        <source>Not compared with HQ yet</source>
        <translation>尚未与总部校对</translation>
    </message>
    <message>
        <source>Validity unknown</source>
        <translation>有效期未知</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>尚不清楚</translation>
    </message>
    <message>
        <source>Previous pack set</source>
        <translation>上一版内容包组</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>In step with HQ</source>
        <translation>与总部一致</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Muted by staff</source>
        <translation>已由工作人员静音</translation>
    </message>
    <message>
        <source>Quiet hours: silent now</source>
        <translation>静音时段：现在不播放</translation>
    </message>
    <message>
        <source>No text-to-speech: recordings play, other guides show as captions</source>
        <translation>没有语音合成：录音照常播放，其余引导显示为字幕</translation>
    </message>
    <message>
        <source>No text-to-speech voice for some languages: their guides show as captions</source>
        <translation>部分语言没有语音合成声音：这些语言的引导显示为字幕</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 条待上传</translation>
    </message>
    <message>
        <source>%1 refused by the operator</source>
        <translation>%1 笔被运营商拒绝</translation>
    </message>
    <message>
        <source>%1 not taken by HQ</source>
        <translation>%1 笔总部未接收</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>空间不足</translation>
    </message>
    <message>
        <source>Off from HQ&apos;s clock</source>
        <translation>与总部时间不一致</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Installed files</source>
        <translation>已安装文件</translation>
    </message>
    <message>
        <source>Event ledger</source>
        <translation>事件记录库</translation>
    </message>
    <message>
        <source>Video decoding</source>
        <translation>视频解码</translation>
    </message>
    <message>
        <source>Audio decoding</source>
        <translation>音频解码</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>磁盘</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>维护</translation>
    </message>
    <message>
        <source>Back to customers</source>
        <translation>返回顾客界面</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Self-test</source>
        <translation>自检</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Testing: files, ledger, HQ, clock, decoding…</source>
        <translation>正在检查：文件、事件记录、总部、时钟、解码…</translation>
    </message>
    <message>
        <source>Asking the kiosk and HQ…</source>
        <translation>正在查询本机与总部…</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Sync is not running in this window.</source>
        <translation>此窗口未运行同步。</translation>
    </message>
    <message>
        <source>Not enrolled: nothing to sync. Enrol at the kiosk&apos;s terminal with `kiosk enroll`.</source>
        <translation>未注册，无可同步内容。请在本机终端运行 `kiosk enroll` 注册。</translation>
    </message>
    <message>
        <source>Downloading: %1 of %2 files, %3 of %4.</source>
        <translation>正在下载：第 %1/%2 个文件，%3 / %4。</translation>
    </message>
    <message>
        <source>Asking HQ for news…</source>
        <translation>正在向总部查询更新…</translation>
    </message>
    <message>
        <source>No sync since the kiosk started.</source>
        <translation>本次启动后尚未同步。</translation>
    </message>
    <message>
        <source>Last round %1: done. Files downloaded: %2 (%3). Events sent: %4.</source>
        <translation>上次同步 %1：完成。下载文件 %2 个（%3），上传事件 %4 条。</translation>
    </message>
    <message>
        <source>Last round %1 failed: %2</source>
        <translation>上次同步 %1 失败：%2</translation>
    </message>
    <message>
        <source>Rolling back…</source>
        <translation>正在回退…</translation>
    </message>
    <message>
        <source>Roll back to the previous pack set</source>
        <translation>回退到上一版内容包组</translation>
    </message>
    <message>
        <source>Rolled back: now showing pack set %1.</source>
        <translation>已回退：当前显示内容包组 %1。</translation>
    </message>
    <message>
        <source>Not rolled back: %1</source>
        <translation>未能回退：%1</translation>
    </message>
    <message>
        <source>Unmute the voice</source>
        <translation>取消语音静音</translation>
    </message>
    <message>
        <source>Mute the voice</source>
        <translation>语音静音</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在自检…</translation>
    </message>
    <message>
        <source>Run the self-test</source>
        <translation>运行自检</translation>
    </message>
    <message>
        <source>%1 of %2 checks passed</source>
        <translation>%2 项检查中 %1 项通过</translation>
    </message>
    <message>
        <source>Exit to the desktop</source>
        <translation>退出到桌面</translation>
    </message>
    <message>
        <source>Close the kiosk program? The screen shows the desktop until the kiosk is started again.</source>
        <translation>确定关闭自助终端程序？重新启动前，屏幕将显示桌面。</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>留下</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>OfferCard</name>
    <message>
        <source>Daily deal</source>
        <translation>每日特惠</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>See details</source>
        <translation>查看详情</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Staff maintenance</source>
        <translation>员工维护</translation>
    </message>
    <message>
        <source>Wrong PIN. Tries left before the pad locks: %1.</source>
        <translation>PIN 错误。再错 %1 次将锁定。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1.</source>
        <translation>错误次数过多，请在 %1 后重试。</translation>
    </message>
    <message>
        <source>No maintenance PIN is set on this kiosk. Set one at its terminal with `kiosk admin-pin`.</source>
        <translation>本机尚未设置维护 PIN。请在本机终端运行 `kiosk admin-pin` 设置。</translation>
    </message>
    <message>
        <source>Enter the maintenance PIN.</source>
        <translation>请输入维护 PIN。</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PresenterDrawer</name>
    <message>
        <source>Presenter notes</source>
        <translation>讲解助手</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The content packs on this kiosk carry no presenter notes for this service yet: no focus, no talking points, no customer questions.</source>
        <translation>本机的内容包暂未包含该业务的讲解资料：没有本季重点、讲解要点或客户问答。</translation>
    </message>
    <message>
        <source>This quarter&apos;s focus</source>
        <translation>本季主推</translation>
    </message>
    <message>
        <source>Point out in this scene</source>
        <translation>本场景讲解要点</translation>
    </message>
    <message>
        <source>Nothing to point out in this scene.</source>
        <translation>本场景没有特别要讲的。</translation>
    </message>
    <message>
        <source>Customers ask (%1)</source>
        <translation>客户常问（%1）</translation>
    </message>
    <message>
        <source>Search the questions and answers</source>
        <translation>搜索问题和回答</translation>
    </message>
    <message>
        <source>No question or answer has “%1”.</source>
        <translation>没有包含“%1”的问题或回答。</translation>
    </message>
</context>
<context>
    <name>PriceBlock</name>
    <message>
        <source>Price</source>
        <translation>资费</translation>
    </message>
</context>
<context>
    <name>ReachHeader</name>
    <message>
        <source>Explore services</source>
        <translation>业务分类</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>立即办理</translation>
    </message>
    <message>
        <source>Experience Zone</source>
        <translation>体验专区</translation>
    </message>
    <message>
        <source>Reach mode: everything to touch is below.</source>
        <translation>低位模式：可点按的内容都在下方。</translation>
    </message>
</context>
<context>
    <name>ServiceActions</name>
    <message>
        <source>Try the demo</source>
        <translation>体验演示</translation>
    </message>
    <message>
        <source>Watch the video</source>
        <translation>观看视频</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>立即办理</translation>
    </message>
</context>
<context>
    <name>StaffButton</name>
    <message>
        <source>Staff: %1</source>
        <translation>员工：%1</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>员工登录</translation>
    </message>
</context>
<context>
    <name>StaffFigures</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Gathering your figures…</source>
        <translation>正在汇总您的业绩…</translation>
    </message>
    <message>
        <source>From HQ: every kiosk of this store, at %1.</source>
        <translation>来自总部：本店所有终端，%1 更新。</translation>
    </message>
    <message>
        <source>this kiosk is not enrolled at HQ</source>
        <translation>本终端尚未在总部注册</translation>
    </message>
    <message>
        <source>HQ cannot be reached now</source>
        <translation>暂时连不上总部</translation>
    </message>
    <message>
        <source>From this kiosk only, at %1 (%2).</source>
        <translation>仅本终端的数据，%1 更新（%2）。</translation>
    </message>
    <message>
        <source>Your figures cannot be shown now.</source>
        <translation>暂时无法显示您的业绩。</translation>
    </message>
    <message>
        <source>My figures</source>
        <translation>我的业绩</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>工号 %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>Demos</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Register entries</source>
        <translation>意向客户登记</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Conversion: orders per demo started. Points: %1 for an order the operator confirmed, %2 for a register entry, %3 for a demo shown to its end.</source>
        <translation>转化率：每次演示带来的订单数。积分：运营商确认的订单 %1 分，意向客户登记 %2 分，完整演示 %3 分。</translation>
    </message>
</context>
<context>
    <name>StaffMenu</name>
    <message>
        <source>Staff menu</source>
        <translation>员工菜单</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Store manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>店员</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>工号 %1</translation>
    </message>
    <message>
        <source>My figures</source>
        <translation>我的业绩</translation>
    </message>
    <message>
        <source>Register a customer</source>
        <translation>登记意向客户</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>StaffPad</name>
    <message>
        <source>Staff sign-in</source>
        <translation>员工登录</translation>
    </message>
    <message>
        <source>The staff number or PIN is not right. Tries left before the pad locks: %1.</source>
        <translation>工号或密码不正确。再错 %1 次将锁定。</translation>
    </message>
    <message>
        <source>Too many wrong tries. Staff sign-in opens again in %1.</source>
        <translation>错误次数过多。%1 后可再次登录。</translation>
    </message>
    <message>
        <source>This kiosk has no staff list yet. It comes from HQ with the next sync.</source>
        <translation>本终端还没有员工名单，将在下次与总部同步时下发。</translation>
    </message>
    <message>
        <source>Enter your 6-digit PIN.</source>
        <translation>请输入 6 位密码。</translation>
    </message>
    <message>
        <source>Enter your staff number (on your badge).</source>
        <translation>请输入工号（见工牌）。</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Back to the staff number</source>
        <translation>返回输入工号</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StepProgress</name>
    <message>
        <source>All steps done</source>
        <translation>全部步骤已完成</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第%1步，共%2步</translation>
    </message>
</context>
<context>
    <name>SubscribeScreen</name>
    <message>
        <source>Subscribe</source>
        <translation>立即办理</translation>
    </message>
    <message>
        <source>Subscribe at the service counter</source>
        <translation>请到服务台办理</translation>
    </message>
    <message>
        <source>Subscribing right here at this screen is coming soon. For now, our staff at the service counter can set it up for you in a few minutes. Just tell them the service below.</source>
        <translation>本机办理功能即将上线。现在请到服务台，工作人员几分钟即可为您开通，告诉他们下面的业务名称就可以了。</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>资费</translation>
    </message>
    <message>
        <source>Back to the service</source>
        <translation>返回业务详情</translation>
    </message>
    <message>
        <source>Explore more services</source>
        <translation>浏览更多业务</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Experience Zone</source>
        <translation>体验专区</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
</context>
<context>
    <name>TopTenPanel</name>
    <message>
        <source>TOP 10</source>
        <translation>热门 TOP 10</translation>
    </message>
    <message>
        <source>Most popular in our stores</source>
        <translation>最受欢迎的业务</translation>
    </message>
</context>
<context>
    <name>VideoScreen</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translation>视频播放进度</translation>
    </message>
</context>
<context>
    <name>VoiceControls</name>
    <message>
        <source>Voice on: turn it off</source>
        <translation>语音已开：点此关闭</translation>
    </message>
    <message>
        <source>Voice off: turn it on</source>
        <translation>语音已关：点此打开</translation>
    </message>
    <message>
        <source>Say it again</source>
        <translation>再说一遍</translation>
    </message>
    <message>
        <source>Softer</source>
        <translation>调小音量</translation>
    </message>
    <message>
        <source>Volume %1</source>
        <translation>音量 %1</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>调大音量</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Voice and volume</source>
        <translation>语音和音量</translation>
    </message>
</context>
</TS>
