"""Reader comments in a real browser: writing with and without JavaScript, replies,
moderation in the admin, script injection and accessibility.

Each journey has an article of its own (built by ``build_site.py``): "no_js", "js" and
"moderation" sit in a pre-moderated rubric, "replies", "xss" and "axe" in a
post-moderated one. The server takes posts at once (``VESTNIK_COMMENTS_MIN_SECONDS=0``).
"""

from __future__ import annotations

import re
from itertools import count

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.comments.xss_vectors import VECTORS, WEBSITE_VECTORS

pytestmark = pytest.mark.browser
WAITS = "Thank you. Your comment will appear once a moderator has approved it."
PUBLISHED = "Your comment is published."
_unique = count(1)
# Chromium logs every 4xx answer; the journeys that send mistakes on purpose get them.
EXPECTED_CONSOLE = "Failed to load resource: the server responded with a status of 400"


def article_url(site, key: str) -> str:
    return site["base"] + site["comments"]["articles"][key]["path"]


def unique(text: str) -> str:
    """Text no other journey (or earlier run) wrote: duplicate comments are refused."""
    return f"{text} (#{next(_unique)})"


def dismiss_and_note(notes: list[str]):
    def on_dialog(dialog) -> None:
        notes.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    return on_dialog


@pytest.fixture
def watched(page):
    """The page, and what must never happen on it: script errors and dialogs."""
    trouble: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and not message.text.startswith(EXPECTED_CONSOLE):
            trouble.append(f"console: {message.text}")

    page.on("pageerror", lambda error: trouble.append(f"page error: {error}"))
    page.on("console", on_console)
    page.on("dialog", dismiss_and_note(trouble))
    yield page, trouble


def fill_comment(scope, name: str, body: str, website: str = "") -> None:
    scope.get_by_role("textbox", name="Name").fill(name)
    scope.get_by_role("textbox", name="Website (optional)").fill(website)
    scope.get_by_role("textbox", name="Comment", exact=True).fill(body)


def post_over_http(request, site, key: str, **fields) -> tuple[int, dict]:
    """Post as the in-page form does: a token (and CSRF value) from the token endpoint,
    then a POST asking for JSON. ``request`` is a browser context's request context."""
    article = site["comments"]["articles"][key]
    base = f"{site['base']}/en/comments/{article['id']}/"
    issued = request.get(base + "token/", headers={"Accept": "application/json"}).json()
    data = {"name": "", "email": "", "website": "", "body": "", "parent": "", "fax": ""}
    data.update(fields, token=issued["token"])
    response = request.post(
        base, form=data, headers={"Accept": "application/json", "X-CSRFToken": issued["csrf"]}
    )
    return response.status, response.json()


# --- writing -------------------------------------------------------------------------


def test_reader_without_javascript_writes_on_the_form_page_and_waits_for_a_moderator(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(article_url(site, "no_js"))
    expect(page.locator(".comments form.comment-form")).to_be_hidden()
    page.get_by_role("link", name="Write a comment").click()
    expect(page).to_have_url(re.compile(r"/en/comments/\d+/write/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a comment")

    # A mistake first: the error sits by its field and describes it.
    body = unique("Will the night market stay open in winter?")
    fill_comment(page, "Gulnara", body, website="javascript:alert(1)")
    page.get_by_role("button", name="Send comment").click()
    website = page.get_by_role("textbox", name="Website (optional)")
    expect(website).to_have_attribute("aria-invalid", "true")
    expect(website).to_have_accessible_description("Enter a valid URL.")
    expect(page.get_by_role("alert")).to_have_text("Please correct the marked fields.")

    website.fill("")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comment sent")
    expect(page.get_by_role("status")).to_have_text(WAITS)

    page.get_by_role("link", name="Back to the article").click()
    expect(page).to_have_url(article_url(site, "no_js") + "#comments")
    expect(page.locator(".comment-count")).to_have_text("(0)")
    expect(page.locator("#comments")).not_to_contain_text(body)
    context.close()


def test_reader_with_javascript_writes_in_place_without_leaving_the_article(watched, site):
    page, trouble = watched
    page.goto(article_url(site, "js"))
    page.evaluate("window.__stillHere = true")
    form = page.locator("#comments form.comment-form")
    expect(form).to_be_hidden()
    page.get_by_role("link", name="Write a comment").click()
    expect(form).to_be_visible()
    expect(form.get_by_role("textbox", name="Name")).to_be_focused()

    # A mistake the browser lets through: the server's answer marks the field.
    body = unique("The market needs more light at the entrance.")
    fill_comment(form, "Timur", body, website="javascript:alert(1)")
    form.get_by_role("button", name="Send comment").click()
    website = form.get_by_role("textbox", name="Website (optional)")
    expect(website).to_have_attribute("aria-invalid", "true")
    expect(website).to_have_accessible_description("Enter a valid URL.")
    expect(website).to_be_focused()

    website.fill("https://example.org/timur")
    # The comment's POST, not the view beacon's (a ping that may still be on its way).
    with page.expect_response(
        lambda r: r.request.method == "POST" and not r.url.endswith("/beacon/")
    ) as answer:
        form.get_by_role("button", name="Send comment").click()
    assert answer.value.request.resource_type == "fetch"
    assert answer.value.status == 201
    expect(form.get_by_role("status")).to_have_text(WAITS)
    expect(website).not_to_have_attribute("aria-invalid", "true")
    expect(form.locator(".field-error")).to_have_count(0)
    assert page.url == article_url(site, "js")
    assert page.evaluate("window.__stillHere") is True  # no page load happened
    expect(page.locator("#comments .comment-list")).to_have_count(0)  # waits: not shown
    expect(page.locator(".comment-count")).to_have_text("(0)")
    assert trouble == []


# --- moderation ----------------------------------------------------------------------


def pending_in_menu(page) -> int:
    menu = page.get_by_role("navigation").first  # the admin's main menu
    label = menu.get_by_role("link", name=re.compile(r"^Reader comments")).inner_text()
    found = re.search(r"\((\d+)\)", label)
    return int(found.group(1)) if found else 0


def test_moderator_approves_in_the_admin_and_the_comments_appear_on_the_article(browser, site):
    reader = browser.new_context()
    bodies = [unique("The bus stop moved"), unique("Parking is still a problem")]
    for name, body in zip(("Aida", "Bakyt"), bodies, strict=True):
        status, answer = post_over_http(reader.request, site, "moderation", name=name, body=body)
        assert (status, answer["state"]) == (201, "pending"), answer
    article = reader.new_page()
    article.goto(article_url(site, "moderation"))
    expect(article.locator("#comments")).not_to_contain_text(bodies[0])

    admin = browser.new_context()
    page = admin.new_page()
    page.goto(site["base"] + "/admin/")
    page.get_by_label("Username").fill(site["comments"]["moderator"]["username"])
    page.get_by_label("Password").fill(site["comments"]["moderator"]["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(site["base"] + "/admin/")
    waiting = pending_in_menu(page)
    assert waiting >= 2

    # The menu leads to the queue, which holds as many comments as the menu says.
    page.get_by_role("navigation").first.get_by_role(
        "link", name=f"Reader comments ({waiting})"
    ).click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/comments/readercomment/\?state=pending$"))
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(waiting)

    # The first through the bulk action: tick, "Approve", confirm.
    rows.filter(has_text=bodies[0]).get_by_role("checkbox").check()
    page.locator("[data-bulk-action-footer]").get_by_role("link", name="Approve").click()
    expect(page.get_by_text("This applies to 1 comment:")).to_be_visible()
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_text("1 comment changed")).to_be_visible()
    expect(rows.filter(has_text=bodies[0])).to_have_count(0)
    assert pending_in_menu(page) == waiting - 1

    # The second through its edit view.
    rows.filter(has_text=bodies[1]).get_by_role("link", name="Bakyt").click()
    page.get_by_role("combobox", name="State").select_option("approved")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Bakyt: " + bodies[1])  # "… updated"
    assert pending_in_menu(page) == waiting - 2

    article.reload()
    thread = article.locator("#comments .comment-list > li.comment")
    expect(thread).to_have_count(2)
    expect(thread.nth(0)).to_contain_text(bodies[0])
    expect(thread.nth(1)).to_contain_text(bodies[1])
    expect(article.locator(".comment-count")).to_have_text("(2)")
    admin.close()
    reader.close()


# --- replies -------------------------------------------------------------------------


def test_reply_nests_under_its_comment_in_place_and_after_a_reload(watched, site):
    page, trouble = watched
    page.goto(article_url(site, "replies"))
    expect(page.get_by_text("No comments yet.")).to_be_visible()
    form = page.locator("#comments form.comment-form")
    page.get_by_role("link", name="Write a comment").click()
    first = unique("Will the theatre show films in Kyrgyz?")
    fill_comment(form, "Asel", first)
    form.get_by_role("button", name="Send comment").click()
    expect(form.get_by_role("status")).to_have_text(PUBLISHED)
    top = page.locator("#comments .comment-list > li.comment")
    expect(top).to_have_count(1)
    expect(top).to_contain_text(first)
    expect(page.get_by_text("No comments yet.")).to_have_count(0)
    expect(page.locator(".comment-count")).to_have_text("(1)")
    parent_id = top.get_attribute("id")

    # "Reply" on the comment just inserted: the same form, now answering Asel.
    top.locator(":scope > article").get_by_role("link", name="Reply").click()
    expect(form.locator(".comment-reply-note")).to_have_text("Replying to Asel")
    expect(form.get_by_role("textbox", name="Name")).to_be_focused()
    reply = unique("Yes, on Fridays.")
    fill_comment(form, "Erlan", reply)
    form.get_by_role("button", name="Send comment").click()
    expect(form.get_by_role("status")).to_have_text(PUBLISHED)
    expect(form.locator(".comment-reply-note")).to_be_hidden()

    def nested() -> None:
        replies = page.locator(f"#{parent_id} > .comment-replies > li.comment")
        expect(replies).to_have_count(1)
        expect(replies).to_contain_text(reply)
        expect(page.locator("#comments .comment-list > li.comment")).to_have_count(1)
        expect(page.locator(".comment-count")).to_have_text("(2)")

    nested()  # as the page inserted it
    page.reload()
    nested()  # as the server renders the thread
    assert trouble == []


# --- script injection ----------------------------------------------------------------

# Wrap the dialog functions so that a call also leaves a flag, in every frame.
FLAG_SCRIPT = """
for (const name of ["alert", "confirm", "prompt", "print"]) {
  const original = window[name];
  window[name] = function (...args) {
    (window.__xss = window.__xss || []).push(name + "(" + args.join() + ")");
    return original.apply(this, args);
  };
}
"""
# What the comments section may contain once the browser has parsed it.
ACTIVE_CONTENT = """section => {
  const found = [];
  const active = "script,iframe,frame,object,embed,svg,math,base,meta,link,style,img,video," +
    "audio,source,input,select,textarea,button,details,marquee,body";
  for (const el of section.querySelector(".comment-list").querySelectorAll(active)) {
    found.push("<" + el.localName + ">");
  }
  for (const el of section.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on") || attr.name === "style" || attr.name === "srcdoc") {
        found.push(el.localName + "[" + attr.name + "]");
      }
      if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name) &&
          !/^(https?:\\/\\/|\\/|#)/i.test(attr.value)) {
        found.push(el.localName + "[" + attr.name + "=" + attr.value.slice(0, 40) + "]");
      }
    }
  }
  return found;
}"""


def arm(page, base: str) -> list[str]:
    """Listen on ``page`` for anything injected that runs: dialogs, flags, script errors
    and requests to other hosts (refused). Answers the list that fills up."""
    ran: list[str] = []
    page.on("dialog", dismiss_and_note(ran))
    page.on("pageerror", lambda error: ran.append(f"page error: {error}"))
    page.add_init_script(FLAG_SCRIPT)

    def guard(route):
        if route.request.url.startswith(base + "/"):
            route.fallback()
        else:
            ran.append(f"request: {route.request.url}")
            route.abort()

    page.route("**/*", guard)
    return ran


def provoke(page, ran: list[str]) -> list[str]:
    """Hover, focus and point at every element of the thread, then add to ``ran`` the
    flags left in any frame and the active markup in the comments."""
    page.wait_for_load_state("networkidle")
    page.evaluate("""() => {
      for (const el of document.querySelectorAll("#comments .comment-list *")) {
        for (const type of ["mouseover", "mouseenter", "focus", "pointerover"]) {
          el.dispatchEvent(new Event(type, { bubbles: true }));
        }
      }
    }""")
    page.wait_for_load_state("networkidle")
    for frame in page.frames:
        flags = frame.evaluate("window.__xss || null")
        if flags:
            ran.append(f"flag in {frame.url}: {flags}")
    ran += page.locator("#comments").evaluate(ACTIVE_CONTENT)
    return ran


def test_the_injection_check_sees_a_script_that_runs(browser, site):
    """The check below must be able to fail: here the comment list is tampered with."""
    context = browser.new_context()
    page = context.new_page()
    url = article_url(site, "axe")
    ran = arm(page, site["base"])

    def tampered(route):
        html = (
            route.fetch()
            .text()
            .replace(
                '<ol class="comment-list">',
                '<ol class="comment-list"><li><img src=x onerror=alert(7)></li>',
            )
        )
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(url, tampered)  # before the guard: the guard's fallback reaches it
    page.goto(url)
    provoke(page, ran)
    assert "dialog: 7" in ran
    assert any(item.startswith("flag in") and "alert(7)" in item for item in ran)
    assert "<img>" in ran and "img[onerror]" in ran
    context.close()


def test_injected_markup_in_every_field_stays_inert_in_the_browser(browser, site):
    context = browser.new_context()
    page = context.new_page()
    ran = arm(page, site["base"])
    url = article_url(site, "xss")

    # One through the in-page form, whose answer the page inserts into the thread.
    page.goto(url)
    page.get_by_role("link", name="Write a comment").click()
    form = page.locator("#comments form.comment-form")
    fill_comment(form, '"><img src=x onerror=alert(2)>', "<script>alert(3)</script> in place")
    form.get_by_role("button", name="Send comment").click()
    expect(form.get_by_role("status")).to_have_text(PUBLISHED)
    inserted = page.locator("#comments .comment-list > li.comment").last
    expect(inserted.locator(".comment-body")).to_have_text("<script>alert(3)</script> in place")
    found = provoke(page, ran)
    assert found == [], found

    # Then every vector in the name, the body and the website, over HTTP.
    posted = accepted_websites = 0
    for n, vector in enumerate(VECTORS):
        for field, values in (
            ("body", {"name": f"Reader {n}", "body": f"Comment {n}: {vector}"}),
            ("name", {"name": vector[:80], "body": f"Named {n} comment."}),
        ):
            status, answer = post_over_http(context.request, site, "xss", **values)
            assert status in (201, 400), (field, vector, answer)
            posted += status == 201
    for n, vector in enumerate([*WEBSITE_VECTORS, *(v for v in VECTORS if "://" in v)]):
        values = {"name": f"Site {n}", "body": f"Website {n} comment.", "website": vector}
        status, answer = post_over_http(context.request, site, "xss", **values)
        assert status in (201, 400), (vector, answer)
        accepted_websites += status == 201
    assert posted >= 100
    assert accepted_websites >= 3  # quotes and angle brackets in a valid http(s) address

    page.goto(url)
    found = provoke(page, ran)
    assert found == [], found
    # The payloads are there, as text.
    comments = page.locator("#comments .comment-list > li.comment")
    expect(comments).to_have_count(1 + posted + accepted_websites)
    bodies = page.locator("#comments .comment-body").all_inner_texts()
    assert f"Comment 0: {VECTORS[0]}" in bodies
    names = page.locator("#comments .comment-author").all_inner_texts()
    assert VECTORS[2] in names
    context.close()


# --- accessibility -------------------------------------------------------------------


def axe_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes'][0]['html']}" for v in violations]


def test_comment_form_page_and_thread_with_the_open_form_pass_axe(watched, site):
    """The form page is what readers without JavaScript use; axe itself needs JavaScript,
    and the form page runs none of ours, so it is checked in a JavaScript context."""
    page, trouble = watched
    article = site["comments"]["articles"]["axe"]
    page.goto(f"{site['base']}/en/comments/{article['id']}/write/")
    assert axe_violations(page) == []
    page.evaluate("document.querySelector('form.comment-form').noValidate = true")
    page.get_by_role("button", name="Send comment").click()
    expect(page.locator(".field-error").first).to_be_visible()
    assert axe_violations(page) == []  # with errors shown

    page.goto(article_url(site, "axe"))
    expect(page.locator("#comments .comment-replies > li.comment")).to_have_count(1)
    page.locator("#comments .comment-list > li.comment > article").get_by_role(
        "link", name="Reply"
    ).click()
    form = page.locator("#comments form.comment-form")
    expect(form).to_be_visible()
    expect(form.locator(".comment-reply-note")).to_have_text("Replying to Aibek")
    assert axe_violations(page) == []
    form.get_by_role("textbox", name="Website (optional)").fill("javascript:void(0)")
    form.get_by_role("button", name="Send comment").click()  # the body is empty
    form.evaluate("form => form.noValidate = true")
    form.get_by_role("button", name="Send comment").click()
    expect(form.locator(".field-error").first).to_be_visible()
    assert axe_violations(page) == []  # with errors shown in place
    assert trouble == [], trouble
