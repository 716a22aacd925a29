"""axe-core in a page under test: what the browser tests assert about accessibility."""


def serious_violations(page, axe_source):
    """The serious and critical violations axe-core finds in `page` as it is now, one line each."""
    page.add_script_tag(content=axe_source)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
