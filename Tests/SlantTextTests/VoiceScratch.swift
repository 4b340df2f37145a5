import Foundation
import Testing

@Test(.enabled(if: ProcessInfo.processInfo.environment["VOICE_SCRATCH"] != nil))
func voiceScratch() {
    let lines = [
        "“We will respond,” the ministry said in a statement, adding that the attack was “a provocation.”",
        "President Aliyev told reporters on Monday that the operation would continue.",
        "“This is occupation,” he told Reuters.",
        "Armenia's foreign ministry spokeswoman said the claims were “absurd”.",
        "Pashinyan said he was ready for talks.",
        "“Enough,” said the prime minister.",
        "Critics say the term “separatists” is loaded.",
        "Turkey says it will support Azerbaijan “with all its means”.",
        "In a tweet, Aliyev wrote: “Karabakh is Azerbaijan!”",
        "Aliyev, speaking on state TV, said Azerbaijan would not stop.",
        "Stepanyan said on Facebook that Azerbaijani forces had shelled Stepanakert.",
        "Azerbaijan's Defense Ministry said its troops had taken control of several villages, a claim denied by Armenia.",
        "Armenia and Azerbaijan have accused each other of starting the fighting.",
        "Baku, however, says the territories are occupied.",
        "The self-proclaimed republic's president, Arayik Harutyunyan, said the town had fallen.",
        "The minister's words were “unacceptable”, Baku said.",
        "The army took the village, “a great success,” the ministry said.",
        "MOSCOW—Russia called on the parties to “stop the bloodshed,” Zakharova said.",
        "Officials told AFP that the road was closed.",
        "The Kremlin said Putin and Erdogan had discussed the conflict.",
        "He said.",
        "“No comment.”",
        "They said it was over, but the fighting went on.",
        "The statement, released on Monday, said the talks had failed.",
        "Armenian leaders say Azerbaijan’s “aggression” must stop; Baku calls it a “counter-offensive”.",
        "“I am not going anywhere,” Pashinyan told parliament, “and neither is Armenia.”",
        "Asked about the talks, Peskov said: “No decision has been made.”",
        "According to Armenian officials, the drone struck a bus.",
    ]
    for line in lines { print(segmented(line).markedUp()) }
}
