package gateway_test

import (
	"fmt"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// signIn switches the browser to id with the development picker and
// lands on next.
func (b *browser) signIn(t *testing.T, base, id, next string, ready ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(base + "/signin?next=" + url.QueryEscape(next)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`button[data-id=%q]`, id))),
	}
	b.do(t, "sign in as "+id+" for "+next, append(steps, ready...)...)
}

// text returns the visible text of the first element matching sel.
func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	return value(t, b, "text of "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// visible counts the elements matching sel that are rendered (not hidden,
// not inside a closed details element).
func (b *browser) visible(t *testing.T, sel string) int {
	t.Helper()
	js := fmt.Sprintf(`[...document.querySelectorAll(%q)].filter((e) => e.checkVisibility()).length`, sel)
	return value(t, b, "visible "+sel, chromedp.Evaluate[int](js))
}

// raiseAlert has JPN raise an alert addressed to addressed and releasable
// to releasable, with a response deadline 30 days ahead, waits until
// the views show it and returns its id.
func raiseAlert(t *testing.T, st *stack, ref string, addressed, releasable []string) string {
	t.Helper()
	a := example(t, "alert")
	a["reference"], a["summary"] = ref, "Alert "+ref+": turbojet engines declared as textile machinery"
	a["addressedMembers"], a["releasability"] = addressed, map[string]any{"members": releasable}
	a["responseDeadline"] = testNow.Add(30 * 24 * time.Hour).Format(time.RFC3339)
	var res commandResult
	c := st.client(t, "JPN")
	mustCall(t, c, st.gw.URL(), "BrokeringService/RaiseAlert", map[string]any{"requestId": "raise-" + ref, "alert": a}, &res)
	mustCall(t, c, st.gw.URL(), "ViewsService/GetItem", map[string]any{"id": res.Result.ID, "minPosition": res.Result.Position}, nil)
	return res.Result.ID
}

// TestBrowserAlertResponse drives an alert's life in the browser: JPN's
// alert is addressed to KOR and USA and released to GBR as well. KOR
// responds (seized) and sees its response; GBR, which is not addressed,
// is offered no form; USA's response to an alert JPN closed meanwhile
// shows the server's refusal; JPN sees KOR's response and closes the
// alert, after which USA is offered nothing. Screenshots go to
// build/screenshots/alert-*.png.
func TestBrowserAlertResponse(t *testing.T) {
	st := startStack(t, stackOptions{dev: true})
	b := newBrowser(t, filepath.Join(st.pki.Dir(), "server.pem"))
	base := st.gw.URL()
	alert := raiseAlert(t, st, "JP-TS-0001", []string{"KOR", "USA"}, []string{"GBR", "KOR", "USA"})
	other := raiseAlert(t, st, "JP-TS-0002", []string{"KOR", "USA"}, []string{"KOR", "USA"})
	page := "/items/" + alert
	detail := fmt.Sprintf(`[data-testid="item-detail"][data-item-id=%q]`, alert)
	const found = "Four small turbojet engines found under textile machinery parts at Busan; cargo detained."

	t.Run("KOR, addressed, responds", func(t *testing.T) {
		b.signIn(t, base, "KOR", page, chromedp.WaitVisible(chromedp.CSS(`form[data-testid="respond"]`)))
		if n := b.visible(t, `form[data-testid="close-alert"]`); n != 0 {
			t.Errorf("KOR, not the originator, is offered to close the alert (%d forms)", n)
		}
		if n := b.visible(t, `button[data-testid="acknowledge"]`); n != 1 {
			t.Errorf("KOR, addressed, has %d acknowledge buttons, want 1", n)
		}
		action := value(t, b, "action taken", chromedp.Value(chromedp.CSS(`form[data-testid="respond"] select[name="actionTaken"]`)))
		if action != "REQUESTED_ACTION_INSPECT" {
			t.Errorf("action taken preselected %q, want the requested REQUESTED_ACTION_INSPECT", action)
		}
		b.do(t, "fill in the response",
			chromedp.SetValue(chromedp.CSS(`form[data-testid="respond"] select[name="outcome"]`), "RESPONSE_OUTCOME_SEIZED"),
			chromedp.SendKeys(chromedp.CSS(`form[data-testid="respond"] textarea[name="text"]`), found))
		b.screenshot(t, "alert-respond")
		b.do(t, "send the response", chromedp.Click(chromedp.CSS(`button[data-testid="respond-submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="response-status"]`)))
		rows := b.attrs(t, `[data-testid="recipients"] tbody tr`)
		if len(rows) != 1 || rows[0]["data-member"] != "KOR" || rows[0]["data-responded"] != "true" || rows[0]["data-outcome"] != "RESPONSE_OUTCOME_SEIZED" {
			t.Errorf("KOR's recipients table after responding: %v, want its own row, responded, seized", rows)
		}
		if cell := b.text(t, `[data-testid="recipients"] tr[data-member="KOR"] td.response`); !strings.Contains(cell, "Seized") || !strings.Contains(cell, found) || !strings.Contains(cell, "Inspect") {
			t.Errorf("KOR's response cell %q lacks the outcome, action or text", cell)
		}
		if status := b.text(t, `[data-testid="response-status"]`); !strings.Contains(status, "Seized") {
			t.Errorf("response status %q", status)
		}
		if n := b.visible(t, `form[data-testid="respond"]`); n != 0 {
			t.Errorf("the response form is still open after responding (%d)", n)
		}
		var types []string
		for _, a := range b.attrs(t, `[data-testid="history"] li`) {
			types = append(types, a["data-type"])
		}
		if !slices.Contains(types, "vigil.v1.AlertResponded") {
			t.Errorf("KOR's history %v lacks its response", types)
		}
		b.screenshot(t, "alert-responded")
	})

	t.Run("GBR, not addressed, is offered no form", func(t *testing.T) {
		b.signIn(t, base, "GBR", page, chromedp.WaitVisible(chromedp.CSS(detail)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="history"] li`)))
		for _, sel := range []string{`form[data-testid="respond"]`, `form[data-testid="close-alert"]`, `button[data-testid="acknowledge"]`} {
			if n := len(b.attrs(t, sel)); n != 0 {
				t.Errorf("GBR sees %d of %s", n, sel)
			}
		}
		if note := b.text(t, `[data-testid="not-addressed"]`); !strings.Contains(note, "KOR, USA") {
			t.Errorf("GBR's note %q does not name the addressed members", note)
		}
		if page := b.page(t); strings.Contains(page, found) {
			t.Error("GBR sees KOR's response")
		}
	})

	t.Run("a refused response shows the server's message", func(t *testing.T) {
		b.signIn(t, base, "USA", "/items/"+other, chromedp.WaitVisible(chromedp.CSS(`form[data-testid="respond"]`)))
		b.do(t, "fill in the response",
			chromedp.SetValue(chromedp.CSS(`form[data-testid="respond"] select[name="outcome"]`), "RESPONSE_OUTCOME_NO_SHOW"),
			chromedp.SendKeys(chromedp.CSS(`form[data-testid="respond"] textarea[name="text"]`), "The vessel did not call at Los Angeles."))
		// JPN closes the alert while USA's page is open.
		mustCall(t, st.client(t, "JPN"), base, "BrokeringService/CloseAlert", map[string]any{"requestId": "close-other", "alertId": other}, nil)
		b.expect("status of 400", 1)
		b.do(t, "send the response", chromedp.Click(chromedp.CSS(`button[data-testid="respond-submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="respond-error"]`)))
		if msg := b.text(t, `[data-testid="respond-error"]`); !strings.Contains(msg, "the alert is closed") {
			t.Errorf("error shown %q, want the server's message", msg)
		}
		if text := value(t, b, "text kept", chromedp.Value(chromedp.CSS(`form[data-testid="respond"] textarea[name="text"]`))); text != "The vessel did not call at Los Angeles." {
			t.Errorf("the form lost its text after the refusal: %q", text)
		}
		if enabled := value(t, b, "button", chromedp.Evaluate[bool](`!document.querySelector('[data-testid="respond-submit"]').disabled`)); !enabled {
			t.Error("the submit button stays disabled after a refusal")
		}
		b.screenshot(t, "alert-respond-refused")
	})

	t.Run("JPN, the originator, sees the response and closes the alert", func(t *testing.T) {
		b.signIn(t, base, "JPN", page, chromedp.WaitVisible(chromedp.CSS(`form[data-testid="close-alert"]`)))
		got := map[string]string{}
		for _, a := range b.attrs(t, `[data-testid="recipients"] tbody tr`) {
			got[a["data-member"]] = a["data-responded"] + "/" + a["data-outcome"]
		}
		if want := map[string]string{"KOR": "true/RESPONSE_OUTCOME_SEIZED", "USA": "false/"}; !maps.Equal(got, want) {
			t.Errorf("JPN's recipients %v, want %v", got, want)
		}
		if cell := b.text(t, `[data-testid="recipients"] tr[data-member="KOR"] td.response`); !strings.Contains(cell, found) {
			t.Errorf("JPN's view of KOR's response %q lacks its text", cell)
		}
		if cell := b.text(t, `[data-testid="recipients"] tr[data-member="USA"] td.response`); cell != "Awaited" {
			t.Errorf("USA's response cell %q, want Awaited", cell)
		}
		if n := len(b.attrs(t, `form[data-testid="respond"]`)); n != 0 {
			t.Errorf("JPN, not addressed, is offered %d response forms", n)
		}
		b.do(t, "close the alert",
			chromedp.SendKeys(chromedp.CSS(`form[data-testid="close-alert"] input[name="reason"]`), "cargo seized at Busan"),
			chromedp.Click(chromedp.CSS(`button[data-testid="close-alert-submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(detail+`[data-status="ITEM_STATUS_CLOSED"]`)))
		if badges := b.text(t, `.item-head .badges`); !strings.Contains(badges, "Closed") {
			t.Errorf("badges %q after closing lack Closed", badges)
		}
		if n := len(b.attrs(t, `form[data-testid="close-alert"]`)); n != 0 {
			t.Error("the closed alert still offers to close it")
		}
		if n := len(b.attrs(t, `[data-testid="history"] li[data-type="vigil.v1.AlertClosed"]`)); n != 1 {
			t.Errorf("history has %d AlertClosed entries, want 1", n)
		}
		b.screenshot(t, "alert-closed")
	})

	t.Run("USA is offered nothing on the closed alert", func(t *testing.T) {
		b.signIn(t, base, "USA", page, chromedp.WaitVisible(chromedp.CSS(detail+`[data-status="ITEM_STATUS_CLOSED"]`)))
		for _, sel := range []string{`form[data-testid="respond"]`, `button[data-testid="acknowledge"]`, `form[data-testid="close-alert"]`} {
			if n := len(b.attrs(t, sel)); n != 0 {
				t.Errorf("USA sees %d of %s on the closed alert", n, sel)
			}
		}
	})

	b.checkProblems(t)
}

// requestConsultations has FRA notify a denial released to DEU and JPN,
// and DEU consult FRA about it n times; it returns the denial's id and
// the consultations' ids once the views show them.
func requestConsultations(t *testing.T, st *stack, n int) (string, []string) {
	t.Helper()
	base := st.gw.URL()
	var res commandResult
	mustCall(t, st.client(t, "FRA"), base, "DenialsService/NotifyDenial", map[string]any{"requestId": "fr-0412", "notice": example(t, "denial")}, &res)
	denial := res.Result.ID
	deu := st.client(t, "DEU")
	var ids []string
	for i := range n {
		app := example(t, "application")
		app["reference"] = fmt.Sprintf("DE-APP-%04d", i+1)
		mustCall(t, deu, base, "DenialsService/RequestConsultation", map[string]any{
			"requestId": fmt.Sprintf("consult-%d", i+1), "denialId": denial, "application": app,
			"question": fmt.Sprintf("Question %d: is this the same end user?", i+1)}, &res)
		ids = append(ids, res.Result.ID)
	}
	mustCall(t, deu, base, "ViewsService/ListConsultations", map[string]any{"minPosition": res.Result.Position}, nil)
	return denial, ids
}

// TestBrowserConsultation drives consultations in the browser: DEU
// consults FRA twice about FRA's denial. FRA, the denying member, answers
// one with an objection and the other with no objection, from the
// consultations page; DEU, the requester, sees the answers, has its
// close refused with the server's message for a reserved reason, closes
// the first and reports the second licence granted despite the denial,
// which JPN, which can see the denial, then reads in its history.
// Screenshots go to build/screenshots/consultation-*.png.
func TestBrowserConsultation(t *testing.T) {
	st := startStack(t, stackOptions{dev: true})
	b := newBrowser(t, filepath.Join(st.pki.Dir(), "server.pem"))
	base := st.gw.URL()
	denial, ids := requestConsultations(t, st, 2)
	row := func(id string) string { return fmt.Sprintf(`tr[data-consultation-id=%q]`, id) }
	form := func(id string) string { return fmt.Sprintf(`tr[data-form-for=%q]`, id) }
	status := func(id, s string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.CSS(row(id) + fmt.Sprintf(`[data-status="CONSULTATION_STATUS_%s"]`, s)))
	}
	const objection = "We maintain the denial: the end user is the same."

	t.Run("FRA, the denying member, answers", func(t *testing.T) {
		b.signIn(t, base, "FRA", "/consultations", status(ids[0], "REQUESTED"), status(ids[1], "REQUESTED"))
		for _, id := range ids {
			for sel, want := range map[string]int{
				`button[data-testid="consultation-acknowledge"]`: 1, `button[data-testid="consultation-answer-toggle"]`: 1,
				`button[data-testid="consultation-close-toggle"]`: 0, `button[data-testid="consultation-grant-toggle"]`: 0,
			} {
				if n := len(b.attrs(t, row(id)+" "+sel)); n != want {
					t.Errorf("FRA's row %s has %d of %s, want %d", id, n, sel, want)
				}
			}
		}
		b.do(t, "open the answer form", chromedp.Click(chromedp.CSS(row(ids[0])+` button[data-testid="consultation-answer-toggle"]`)),
			chromedp.WaitVisible(chromedp.CSS(form(ids[0])+` form[data-testid="answer"]`)),
			chromedp.Click(chromedp.CSS(form(ids[0])+` input[value="CONSULTATION_ANSWER_OBJECTS"]`)),
			chromedp.SendKeys(chromedp.CSS(form(ids[0])+` textarea[name="text"]`), objection))
		b.screenshot(t, "consultation-answer")
		b.do(t, "send the objection", chromedp.Click(chromedp.CSS(form(ids[0])+` button[data-testid="answer-submit"]`)), status(ids[0], "ANSWERED"))
		if a := b.attrs(t, row(ids[0])+` [data-testid="consultation-answer"]`); len(a) != 1 || a[0]["data-answer"] != "CONSULTATION_ANSWER_OBJECTS" {
			t.Errorf("answer cell %v, want objects", a)
		}
		if text := b.text(t, row(ids[0])+` [data-testid="consultation-answer"]`); text != "Objects: "+objection {
			t.Errorf("answer cell %q", text)
		}
		if n := len(b.attrs(t, row(ids[0])+` button[data-testid="consultation-acknowledge"]`)); n != 0 {
			t.Error("the answered consultation still offers an acknowledgement")
		}

		b.do(t, "answer no objection, without text",
			chromedp.Click(chromedp.CSS(row(ids[1])+` button[data-testid="consultation-answer-toggle"]`)),
			chromedp.Click(chromedp.CSS(form(ids[1])+` input[value="CONSULTATION_ANSWER_NO_OBJECTION"]`)),
			chromedp.Click(chromedp.CSS(form(ids[1])+` button[data-testid="answer-submit"]`)), status(ids[1], "ANSWERED"))
		if a := b.attrs(t, row(ids[1])+` [data-testid="consultation-answer"]`); len(a) != 1 || a[0]["data-answer"] != "CONSULTATION_ANSWER_NO_OBJECTION" {
			t.Errorf("answer cell %v, want no objection", a)
		}
		b.screenshot(t, "consultation-answered")
	})

	t.Run("DEU, the requester, closes one and reports a grant", func(t *testing.T) {
		b.signIn(t, base, "DEU", "/consultations", status(ids[0], "ANSWERED"), status(ids[1], "ANSWERED"))
		if text := b.text(t, row(ids[0])+` [data-testid="consultation-answer"]`); text != "Objects: "+objection {
			t.Errorf("DEU sees the answer %q", text)
		}
		for sel, want := range map[string]int{
			`button[data-testid="consultation-acknowledge"]`: 0, `button[data-testid="consultation-answer-toggle"]`: 0,
			`button[data-testid="consultation-close-toggle"]`: 1, `button[data-testid="consultation-grant-toggle"]`: 1,
		} {
			if n := len(b.attrs(t, row(ids[0])+" "+sel)); n != want {
				t.Errorf("DEU's row has %d of %s, want %d", n, sel, want)
			}
		}
		// The reason reserved for a grant is refused, with the server's message.
		b.expect("status of 400", 1)
		b.do(t, "close with the reserved reason", chromedp.Click(chromedp.CSS(row(ids[0])+` button[data-testid="consultation-close-toggle"]`)),
			chromedp.SendKeys(chromedp.CSS(form(ids[0])+` input[name="reason"]`), "granted despite denial"),
			chromedp.Click(chromedp.CSS(form(ids[0])+` button[data-testid="close-consultation-submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(form(ids[0])+` [data-testid="close-consultation-error"]`)))
		if msg := b.text(t, form(ids[0])+` [data-testid="close-consultation-error"]`); !strings.Contains(msg, "reserved") || !strings.Contains(msg, "ReportGrantedDespiteDenial") {
			t.Errorf("error shown %q, want the server's message", msg)
		}
		if s := b.attrs(t, row(ids[0])); s[0]["data-status"] != "CONSULTATION_STATUS_ANSWERED" {
			t.Errorf("status after the refusal %s", s[0]["data-status"])
		}
		b.screenshot(t, "consultation-close-refused")
		b.do(t, "close the consultation", chromedp.Clear(chromedp.CSS(form(ids[0])+` input[name="reason"]`)),
			chromedp.SendKeys(chromedp.CSS(form(ids[0])+` input[name="reason"]`), "licence refused"),
			chromedp.Click(chromedp.CSS(form(ids[0])+` button[data-testid="close-consultation-submit"]`)), status(ids[0], "CLOSED"))
		if n := len(b.attrs(t, row(ids[0])+` button[data-testid="consultation-close-toggle"]`)); n != 0 {
			t.Error("the closed consultation still offers to close it")
		}

		b.do(t, "report the grant", chromedp.Click(chromedp.CSS(row(ids[1])+` button[data-testid="consultation-grant-toggle"]`)),
			chromedp.SendKeys(chromedp.CSS(form(ids[1])+` textarea[name="explanation"]`), "FRA raised no objection; the end user gave verified assurances."),
			chromedp.Click(chromedp.CSS(form(ids[1])+` button[data-testid="grant-submit"]`)), status(ids[1], "GRANTED_DESPITE_DENIAL"))
		if n := len(b.attrs(t, row(ids[1])+` button`)); n != 0 {
			t.Errorf("the consultation ended by a grant still offers %d actions", n)
		}
		b.screenshot(t, "consultation-closed")
	})

	t.Run("JPN, which can see the denial, learns of the grant", func(t *testing.T) {
		b.signIn(t, base, "JPN", "/items/"+denial, chromedp.WaitVisible(chromedp.CSS(`[data-testid="history"] li`)))
		if n := len(b.attrs(t, `[data-testid="history"] li[data-type="vigil.v1.LicenceGrantedDespiteDenial"]`)); n != 1 {
			t.Errorf("JPN's history of the denial has %d grants, want 1", n)
		}
		b.do(t, "JPN's consultations", chromedp.Navigate(base+"/consultations"),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="consultations"] :is([data-testid="empty"], table)`)))
		for _, id := range ids {
			if n := len(b.attrs(t, row(id))); n != 0 {
				t.Errorf("JPN sees the consultation %s between DEU and FRA", id)
			}
		}
	})

	b.checkProblems(t)
}
