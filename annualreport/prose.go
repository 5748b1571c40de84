package annualreport

import (
	"strconv"
	"strings"
)

// FormatCount prints a count the way the report quotes it: below 10,000 as
// a plain integer; from 10,000 up in 万 with one decimal rounded half up
// (51,000 → 5.1万, 51,500 → 5.2万). A zero decimal is dropped (10,000 → 1万,
// not 1.0万), as Chinese reports conventionally write whole 万.
func FormatCount(n int64) string {
	if n < 10000 {
		return itoa(n)
	}
	// Tenths of 万 are thousands; round half up without risking overflow.
	tenths := n / 1000
	if n%1000 >= 500 {
		tenths++
	}
	if tenths%10 == 0 {
		return itoa(tenths/10) + "万"
	}
	return itoa(tenths/10) + "." + itoa(tenths%10) + "万"
}

// YuanToWan prints a whole-元 amount in 万元 exactly, with up to 4 decimals
// and no trailing zeros: 0 → "0", 1500 → "0.15", 123456 → "12.3456".
func YuanToWan(yuan int64) string {
	sign := ""
	if yuan < 0 {
		sign, yuan = "-", -yuan
	}
	whole, frac := yuan/10000, yuan%10000
	if frac == 0 {
		return sign + itoa(whole)
	}
	f := strings.TrimRight(strconv.FormatInt(10000+frac, 10)[1:], "0")
	return sign + itoa(whole) + "." + f
}

// itoa prints an int64 in base 10.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Default wording for the sections a person normally writes. They describe
// standing practice only, so they stay true until someone edits them.
const (
	defaultIntro = "在市委、市政府及市政务公开办的大力支持和指导下，%s持续深入推进政务公开工作，" +
		"现将本年度工作开展情况报告如下。"
	defaultRequestsLead = "坚持公开为常态，不公开为例外，明确政府信息公开的范围，不断扩大主动公开；" +
		"完善依申请公开程序，切实保障申请人及相关各方的合法权益，提高政府信息公开实效。"
	defaultManagement = "落实主体责任，建立规范的信息采集、审核、发布、更新机制，按照“谁提供、谁审查；" +
		"谁发布、谁审查；先审查、后发布”的原则，做到“涉密信息不上网，上网信息不涉密”。"
	defaultSupervision = "加强政务公开工作的监督检查，对应当公开的政策措施和办事程序进行自查和整改，" +
		"落实政务公开各项工作制度，强化激励和责任追究。"
	defaultProblems = "（一）存在的主要问题。信息公开的时效性有待进一步加强，政策文件解读的形式还不够丰富。\n" +
		"（二）改进措施。加强业务学习培训，提高信息公开的及时性和准确性，丰富政策解读的内容和形式。"
	defaultOther           = "无其他需说明事项。"
	defaultPlatformPurpose = "主体宣传国家、省、市各项巩固拓展脱贫攻坚成果先进经验和推进乡村振兴具体工作"
)

// buildProse fills every prose section: the caller's text where given,
// otherwise the generated sentence or the default. Figures are recorded from
// the data either way, so check 7 can catch an edited sentence that no
// longer matches.
func buildProse(d Data, r *Report) (Prose, []Figure) {
	p := d.Prose
	proactive, f1 := proactiveSentence(r.Proactive, r.Platform.WebsiteVisits)
	requests, f2 := requestsSentence(r.Year, &r.Table3)
	platform, f4 := platformSentence(d, r.Platform)
	fill := func(s *string, def string) {
		if strings.TrimSpace(*s) == "" {
			*s = def
		}
	}
	fill(&p.Intro, strings.Replace(defaultIntro, "%s", d.Organisation, 1))
	fill(&p.Proactive, proactive)
	fill(&p.Requests, defaultRequestsLead+requests)
	fill(&p.Management, defaultManagement)
	fill(&p.Platform, platform)
	fill(&p.Supervision, defaultSupervision)
	fill(&p.Problems, defaultProblems)
	fill(&p.Other, defaultOther)
	figs := append(append(f1, f2...), f4...)
	return p, figs
}

// figure records a quoted number and returns its printed form.
func figure(figs *[]Figure, id, section, label string, v int64) string {
	t := FormatCount(v)
	*figs = append(*figs, Figure{ID: id, Section: section, Label: label, Value: v, Text: t})
	return t
}

// proactiveSentence writes 一(一): the portal's visits if known, then the
// total and each category's count.
func proactiveSentence(cats []Category, visits *int64) (string, []Figure) {
	var figs []Figure
	var b strings.Builder
	if visits != nil {
		b.WriteString("我局网站全年访问总量为" + figure(&figs, "s1.1.visits", "proactive", "网站访问总量", *visits) + "人次；")
	} else {
		b.WriteString("全年")
	}
	var total int64
	for _, c := range cats {
		total += c.Count
	}
	b.WriteString("主动公开发布信息" + figure(&figs, "s1.1.total", "proactive", "主动公开信息总数", total) + "条")
	for i, c := range cats {
		if i == 0 {
			b.WriteString("，其中：")
		} else {
			b.WriteString("，")
		}
		b.WriteString(c.Name + figure(&figs, "s1.1.cat."+c.Name, "proactive", c.Name, c.Count) + "条")
	}
	b.WriteString("。")
	return b.String(), figs
}

// requestsSentence writes the figure sentence of 一(二). The carry-over and
// closed counts are only spelled out when any of them is non-zero, so a
// quiet year reads as plainly as the seed report.
func requestsSentence(year int, t *Table3) (string, []Figure) {
	var figs []Figure
	s := itoa(int64(year)) + "年收到和处理政府信息公开申请" +
		figure(&figs, "s1.2.new", "requests", "本年新收申请", t.New.Total) + "件"
	if t.CarriedIn.Total != 0 || t.Closed.Total != 0 || t.CarriedOut.Total != 0 {
		s += "，上年结转" + figure(&figs, "s1.2.carried_in", "requests", "上年结转申请", t.CarriedIn.Total) + "件" +
			"，本年办结" + figure(&figs, "s1.2.closed", "requests", "本年办结申请", t.Closed.Total) + "件" +
			"，结转下年度继续办理" + figure(&figs, "s1.2.carried_out", "requests", "结转下年度申请", t.CarriedOut.Total) + "件"
	}
	return s + "。", figs
}

// platformSentence writes 一(四) about the subscription account.
func platformSentence(d Data, p Platform) (string, []Figure) {
	var figs []Figure
	var b strings.Builder
	b.WriteString("我局政务新媒体开通了微信公众订阅号“" + d.Account + "”")
	purpose := d.PlatformPurpose
	if purpose == "" {
		purpose = defaultPlatformPurpose
	}
	b.WriteString("，" + purpose)
	if len(d.Columns) > 0 {
		b.WriteString("，同时设有")
		for _, c := range d.Columns {
			b.WriteString("“" + c + "”")
		}
		b.WriteString("等专栏")
	}
	b.WriteString("。全年发布信息" + figure(&figs, "s1.4.articles", "platform", "发布信息", p.PublishedArticles) + "条")
	b.WriteString("，订阅人数为" + figure(&figs, "s1.4.subscribers", "platform", "订阅人数", p.Subscribers) + "人")
	b.WriteString("，浏览量达" + figure(&figs, "s1.4.views", "platform", "浏览量", p.Views) + "人次。")
	if d.PlatformClosing != "" {
		b.WriteString(d.PlatformClosing)
	}
	return b.String(), figs
}
