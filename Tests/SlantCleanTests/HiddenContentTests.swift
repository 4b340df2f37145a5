import SlantCore
import Testing

@testable import SlantClean

/// Text a reader does not see in a paragraph (hidden elements, and the cards tooltips, popovers,
/// hover cards and rollovers show over a link) stays out of the paragraph; what the reader sees of
/// the trigger stays in.
@Suite struct HiddenContentTests {
    /// An article of three prose paragraphs around `paragraph`.
    private func article(around paragraph: String) throws -> [String] {
        let html = """
            <html><head><title>Governor defends campaign</title></head><body><article>
            <p>\(prose(1))</p>\(paragraph)<p>\(prose(2))</p><p>\(prose(3))</p>
            </article></body></html>
            """
        return paragraphs(try clean(html: html)).map(normalized)
    }

    @Test func aPersonCardBesideAnAuthorLinkIsLeftOut() throws {
        // A person link with its rollover card (photo, full name, the person's latest headlines).
        let found = try article(around: """
            <p>South Dakota Gov. <span class="rollover-people" data-behavior="rolloverpeople">\
            <a class="rollover-people-link" href="/people/kristi-noem">Kristi Noem</a>\
            <span class="rollover-people-block"><span class="rollover-block"><span><img src="/noem.jpg" alt="">\
            <a class="name" href="/people/kristi-noem">Kristi Lynn Noem</a>\
            <a class="people-articles" href="/a">Governor doubles down on campaign</a> \
            <a class="people-articles" href="/b">State drops pipeline protest laws</a> \
            <a class="more" href="/people/kristi-noem">MORE</a></span></span></span></span> (R) is defending \
            the state’s launch of an anti-drug campaign, officials said on Monday.</p>
            """)
        #expect(found == [
            prose(1),
            "South Dakota Gov. Kristi Noem (R) is defending the state’s launch of an anti-drug campaign, officials said on Monday.",
            prose(2), prose(3),
        ])
    }

    @Test func tooltipsPopoversAndHoverCardsInAParagraphAreLeftOut() throws {
        let found = try article(around: """
            <p>The envoy, <a href="/p/1">Maria Petrova</a><span role="tooltip">Envoy since 2019. Born in Sofia.</span>, \
            met <a href="/p/2">John Smith</a><span class="popover"><span class="popover-header">John Smith</span>\
            <span class="popover-body">Senator, 12 articles</span></span> and \
            <a href="/p/3">Ana Lopes</a><span class="hover-card">Ana Lopes, minister</span> in Geneva, \
            with <a href="/p/4">aides</a> <span class="author-tooltip">Reporter bio</span> present, and a \
            <strong><a class="glossary link" href="/g/1">ceasefire</a></strong><i class="caret" aria-hidden="true"></i>\
            <span class="tooltip">A ceasefire is a halt to fighting.</span> in force, on Monday.</p>
            """)
        #expect(found == [
            prose(1),
            "The envoy, Maria Petrova, met John Smith and Ana Lopes in Geneva, with aides present, and a ceasefire in force, on Monday.",
            prose(2), prose(3),
        ])
    }

    @Test func hiddenElementsInAParagraphAreLeftOut() throws {
        let found = try article(around: """
            <p>The delegation<span hidden> (hidden attribute)</span> arrived<span aria-hidden="true"> (aria)</span> \
            in Baku<span style="display: none"> (no display)</span> on Monday<span style="visibility:hidden">, \
            (invisible)</span>, officials said, after a week of talks.</p>
            """)
        #expect(found == [
            prose(1), "The delegation arrived in Baku on Monday, officials said, after a week of talks.", prose(2), prose(3),
        ])
    }

    @Test func theVisibleTriggerOfATooltipStays() throws {
        // A CSS tooltip: the wrapper holds the visible word and the card; an element that is only
        // the trigger (by its class or its data attribute) keeps its text, and so does one named like a
        // card that stands in running text (its card is drawn by a script).
        let found = try article(around: """
            <p>The <span class="tooltip">ceasefire<span class="tooltiptext">Agreed on 9 November</span></span> \
            held, the <span class="tooltip" data-tooltip="Organisation for Security">OSCE</span> said, \
            the <span class="has-tooltip">monitors</span> stayed, and Prime Minister \
            <span class='tooltipsall tooltip_post_id_90626'>Evelyn Wever-Croes</span> <em>agreed</em> \
            <span class="popover">too</span>, on Monday.</p>
            """)
        #expect(found == [
            prose(1),
            "The ceasefire held, the OSCE said, the monitors stayed, and Prime Minister Evelyn Wever-Croes agreed too, on Monday.",
            prose(2), prose(3),
        ])
    }

    @Test func anArticleNamedLikeAPopupIsStillRead() throws {
        // The rule is for cards inside the page; a page whose whole article sits in an element with such
        // a class (a quick-view overlay) keeps the paragraphs it has, with nothing left out inside.
        let html = """
            <html><body><div class="popover-container"><article><p>\(prose(4))</p><p>\(prose(5))</p>\
            <p>\(prose(6))</p></article></div></body></html>
            """
        #expect(paragraphs(try clean(html: html)).map(normalized) == [prose(4), prose(5), prose(6)])
    }

    @Test func emptyUnclosedAndNestedCardsAreLeftOutWithoutHarm() throws {
        // An empty card, cards nested in cards, and a card left open at the end of the page.
        let html = """
            <html><body><article><p>\(prose(7))</p><p>The <a href="/a">envoy</a><span class="tooltip"></span> \
            of the republic and the deputy <a href="/b">minister</a><div class="popover"><div class="popover"><span class="popover">x</span>\
            </div></div></p><p>\(prose(8))</p><p>\(prose(9))</p><p>Officials <a href="/c">said</a>\
            <span class="hovercard"><span>Card
            """
        #expect(paragraphs(try clean(html: html)).map(normalized) == [
            prose(7), "The envoy of the republic and the deputy minister", prose(8), prose(9), "Officials said",
        ])
    }

    @Test func popupClassWordsAreMatchedPerToken() {
        func names(_ value: String) -> Bool {
            Array(value.utf8).withUnsafeBufferPointer { DOMIndex.namesPopup($0) }
        }
        #expect(names("tooltip"))
        #expect(names("c-tooltip is-open"))
        #expect(names("Popover-Body"))
        #expect(names("rollover-block"))
        #expect(names("user hovercard"))
        #expect(!names("has-tooltip"))
        #expect(!names("tooltip-trigger"))
        #expect(!names("rollover-people-link"))
        #expect(!names("popover-wrapper"))
        #expect(!names("tool tip pop over"))
        #expect(!names(""))
    }
}
