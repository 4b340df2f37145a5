import SlantPipeline
import Foundation
exit(DevExtract.run(Array(CommandLine.arguments.dropFirst())))
