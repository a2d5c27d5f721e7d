def test_smoke(open_page):
    for lang in ("sv", "en"):
        at = open_page("pages/4_Finance.py", lang=lang)
        print([ (m.label, m.value, m.proto.delta) for m in at.metric])
        for d in at.dataframe: print(d.value.to_string())
        print([c.value for c in at.caption][:20])
        print([h.value[:300] for h in at.html][-2:])
