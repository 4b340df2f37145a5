import SlantCore
import SlantText
import Testing

@Suite struct NegationTests {
    private func negated(_ text: String, _ phrase: String, after context: String? = nil, occurrence: Int = 0) -> Bool? {
        let layer = segmented(text)
        guard let range = layer.range(of: phrase, after: context, occurrence: occurrence) else { return nil }
        return Negation.isNegated(layer, tokenRange: layer.tokenRange(range))
    }

    @Test func seedNegations() {
        let mail = seed("003")
        #expect(negated(mail, "diplomatic solution") == true)  // "vows there can be NO diplomatic solution"
        #expect(negated(mail, "diplomatic solution", occurrence: 1) == true)  // "there is no diplomatic solution"
        #expect(negated(mail, "lasting truce") == false)
        let comments = seed("002")
        #expect(negated(comments, "Nagorno Karabakh", after: "Nobody is asking") == true)
        #expect(negated(comments, "occupied lands") == false)  // Erdogan: "Just give them the occupied lands."
        #expect(negated(comments, "occupied lands", occurrence: 1) == true)  // "Certainly not give up any occupied lands"
    }

    @Test func negators() {
        #expect(negated("He did not call it occupied land.", "occupied") == true)
        #expect(negated("They don't recognize Artsakh.", "Artsakh") == true)
        #expect(negated("They can’t recognize Artsakh.", "Artsakh") == true)
        #expect(negated("They dont recognize Artsakh.", "Artsakh") == true)
        #expect(negated("They never recognized Artsakh.", "Artsakh") == true)
        #expect(negated("Neither side recognized Artsakh.", "Artsakh") == true)
        #expect(negated("A peace without occupation.", "occupation") == true)
        #expect(negated("None of them saw occupied land.", "occupied") == true)
        #expect(negated("Nothing about the occupied land.", "occupied") == true)
        #expect(negated("Это не оккупированные земли.", "оккупированные") == true)
        #expect(negated("Нет никакой оккупации.", "оккупации") == true)
    }

    @Test func whatDoesNotNegate() {
        #expect(negated("They recognized Artsakh.", "Artsakh") == false)
        #expect(negated("Not only occupied but annexed.", "occupied") == false)
        #expect(negated("No one came, but occupied land remains.", "occupied") == false)
        #expect(negated("There is no peace; occupied land remains.", "occupied") == false)
        #expect(negated("There is no peace: occupied land remains.", "occupied") == false)
        #expect(negated("There is no peace — occupied land remains.", "occupied") == false)
        #expect(negated("There is no peace, and occupied land remains.", "occupied") == false)
        #expect(negated("There is no peace while occupied land remains.", "occupied") == false)
        #expect(negated("Not a word. Occupied land remains.", "Occupied") == false)
        #expect(negated("“No,” he said, “occupied land remains.”", "occupied") == false)
        // Beyond five words.
        #expect(negated("No one in the whole wide region saw occupied land.", "occupied") == false)
        #expect(negated("Occupied land.", "Occupied") == false)
    }

    @Test func outOfRangeSpansAreNotNegated() {
        let layer = segmented("No land.")
        #expect(!Negation.isNegated(layer, tokenRange: 0..<1))
        #expect(!Negation.isNegated(layer, tokenRange: 50..<60))
        #expect(!Negation.isNegated(segmented(""), tokenRange: 0..<0))
    }
}
