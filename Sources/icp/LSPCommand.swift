import ArgumentParser
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPLanguageServer

struct LSPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP 3.17 over standard input and output).",
        discussion: "Start it from your editor; see editors/ for ready-made setups. Exits 0 after shutdown and exit, 1 when the input ends first."
    )

    func run() async throws {
        let code = await ServerLoop.run(today: .today)
        if code != 0 { throw ExitCode(code) }
    }
}
