import SlantCore
import SlantText
import Testing

/// The scope of negation (see ``Negation``): a negator governs the word right after it, across
/// function words only.
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
        // "Nobody is asking for Nagorno Karabakh": the negator governs "asking", not the name.
        #expect(negated(comments, "Nagorno Karabakh", after: "Nobody is asking") == false)
        #expect(negated(comments, "occupied lands") == false)  // Erdogan: "Just give them the occupied lands."
        // "Certainly not give up any occupied lands": what is negated is giving up; the lands are
        // called occupied.
        #expect(negated(comments, "occupied lands", occurrence: 1) == false)
    }

    @Test func aNegatorGovernsTheWordItNegates() {
        #expect(negated("He did not call it occupied land.", "occupied") == true)
        #expect(negated("The land was never occupied.", "occupied") == true)
        #expect(negated("Armenia does not occupy the district.", "occupy") == true)
        #expect(negated("Armenia doesn’t occupy the district.", "occupy") == true)
        #expect(negated("Armenia dont occupy the district.", "occupy") == true)
        #expect(negated("It was not an occupation.", "occupation") == true)
        #expect(negated("It is not really an occupation.", "occupation") == true)
        #expect(negated("It has never been legally occupied.", "occupied") == true)
        #expect(negated("The army did not commit atrocities.", "atrocities") == true)
        #expect(negated("This does not amount to genocide.", "genocide") == true)
        #expect(negated("There is no blockade.", "blockade") == true)
        #expect(negated("There is no real blockade.", "blockade") == true)
        #expect(negated("No army occupied the village.", "occupied") == true)
        #expect(negated("Neither side committed atrocities.", "atrocities") == true)
        #expect(negated("A peace without occupation.", "occupation") == true)
        #expect(negated("Это не оккупированные земли.", "оккупированные") == true)
        #expect(negated("Нет никакой оккупации.", "оккупации") == true)
        #expect(negated("Это не является оккупацией.", "оккупацией") == true)
        #expect(negated("Bu bir işgal değil.", "işgal") == true)
        #expect(negated("Bu işğal deyil.", "işğal") == true)
        #expect(negated("Սա օկուպացիա չէ։", "օկուպացիա") == true)
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
        #expect(negated("No, the occupation continues.", "occupation") == false)
        #expect(negated("No one in the whole wide region saw occupied land.", "occupied") == false)
        #expect(negated("Occupied land.", "Occupied") == false)
        // The negator governs another word: a verb and its object, a noun, a preposition, a new clause.
        #expect(negated("They don't recognize the occupation.", "occupation") == false)
        #expect(negated("They will never accept the occupation.", "occupation") == false)
        #expect(negated("They did not lift the blockade.", "blockade") == false)
        #expect(negated("There is no end to the occupation.", "occupation") == false)
        #expect(negated("No change in the occupied districts.", "occupied") == false)
        #expect(negated("The town is not adjacent to the disputed region.", "disputed") == false)
        #expect(negated("It has nothing to do with the blockade.", "blockade") == false)
        #expect(negated("Let's not mince words, this is ethnic cleansing.", "ethnic cleansing") == false)
        #expect(negated("Let's not mince words this is ethnic cleansing.", "ethnic cleansing") == false)
        #expect(negated("He did not say that the land was occupied.", "occupied") == false)
        #expect(negated("None of them saw occupied land.", "occupied") == false)
        #expect(negated("Nothing about the occupied land.", "occupied") == false)
        #expect(negated("Речь идет не о мире, а об оккупации.", "оккупации") == false)
        #expect(negated("Это не имеет ничего общего с оккупацией.", "оккупацией") == false)
    }

    @Test func outOfRangeSpansAreNotNegated() {
        let layer = segmented("No land.")
        #expect(!Negation.isNegated(layer, tokenRange: 0..<1))
        #expect(!Negation.isNegated(layer, tokenRange: 50..<60))
        #expect(!Negation.isNegated(segmented(""), tokenRange: 0..<0))
    }
}
