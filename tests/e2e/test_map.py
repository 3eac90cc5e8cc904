"""The wijken map in Chromium (issue 7, item 16): a wijk's name shows on keyboard focus and on
hover, above the shapes where no other wijk covers it; CSS only, no script."""

VISIBLE = "el => getComputedStyle(el).visibility"


def test_a_wijk_shows_its_name_on_focus_and_on_hover(page, data):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/wijkfoto/GM0392/wijken?kenmerk=aandeel_65plus")
    links = page.locator("svg.wijkmap a")
    assert links.count() == 21
    first, other = links.nth(0), links.nth(5)
    label = first.locator(".map-label")
    assert label.evaluate(VISIBLE) == "hidden"
    first.focus()
    assert label.evaluate(VISIBLE) == "visible"
    assert label.text_content().startswith(first.locator("title").text_content()[:10])
    assert page.locator("svg.wijkmap .map-hint").evaluate(VISIBLE) == "hidden"
    # Both boxes in one script call: focus scrolls the map into view (smoothly, by the Utrecht
    # root style), so two separate reads could straddle the scroll.
    band, box = page.evaluate("""() => {
        const svg = document.querySelector("svg.wijkmap");
        const label = svg.querySelector("a .map-label");
        return [svg.querySelector(".map-band"), label].map(el => {
            const r = el.getBoundingClientRect();
            return {y: r.y, height: r.height};
        });
    }""")
    # Within the band (the text box may reach a few pixels above the map's edge, never below
    # the band, where the shapes begin).
    assert band["y"] - 4 <= box["y"] and box["y"] + box["height"] <= band["y"] + band["height"] + 1
    page.locator("h1").click()  # move focus away, then hover another wijk at its symbol
    spot = other.locator(".map-symbol").bounding_box()
    page.mouse.move(spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2)
    assert other.locator(".map-label").evaluate(VISIBLE) == "visible"
    assert label.evaluate(VISIBLE) == "hidden"
