<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <message numerus="yes">
        <source>Touch anywhere to carry on. To keep your choices private, we will start over in %n second(s).</source>
        <translation>
            <numerusform>轻触屏幕任意位置即可继续。为保护您的隐私，%n 秒后将回到首页。</numerusform>
        </translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>我还在</translation>
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
    <name>PriceBlock</name>
    <message>
        <source>Price</source>
        <translation>资费</translation>
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
</context>
</TS>
