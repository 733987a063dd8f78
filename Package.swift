// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "icp",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "icp", targets: ["icp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `icp diff` asks git (show, ls-tree, merge-base, log) as a subprocess.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // File descriptors (reading, writing, standard streams) without all of Foundation.
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // The core, pure (no file system, no clock: it takes text, data and a date), in four
        // layers whose arrows the manifest enforces (Documentation/architecture.md):
        // the language: source, syntax trees with ranges, lowering, the model, diagnostics, the
        // checks that need no data, the layout (`icp fmt`) and the writing of edits.
        .target(
            name: "ICPLanguage",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The engine: columns, evaluation, the data checks.
        .target(
            name: "ICPEngine",
            dependencies: ["ICPLanguage"]
        ),
        // The builders: draft, refine, derive, propose, widen.
        .target(
            name: "ICPBuilders",
            dependencies: ["ICPLanguage", "ICPEngine"]
        ),
        // Insights: previews, account lists, backtests, overlap, explanations, comparison, the
        // report's figures and page, SQL.
        .target(
            name: "ICPInsights",
            dependencies: ["ICPLanguage", "ICPEngine"]
        ),
        // Reading datasets (CSV, JSON Lines): type inference, the built-in sample.
        .target(
            name: "ICPDataset",
            dependencies: ["ICPLanguage", "ICPEngine"]
        ),
        // The file system side: workspace discovery, datasets per workspace, checking files on disk.
        .target(
            name: "ICPWorkspace",
            dependencies: ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset", .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "SystemPackage", package: "swift-system")]
        ),
        // What an editor shows, knowing no protocol: hover, completion, code-action candidates,
        // lenses, inlay hints, account documents, as functions of an immutable file snapshot.
        .target(
            name: "ICPFeatures",
            dependencies: ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset", "ICPWorkspace"]
        ),
        // The language server: JSON-RPC framing, LSP types, one actor of state, the conversion of
        // the feature layer's answers to LSP.
        .target(
            name: "ICPLanguageServer",
            dependencies: ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset", "ICPWorkspace", "ICPFeatures",
                           .product(name: "SystemPackage", package: "swift-system")]
        ),
        .executableTarget(
            name: "icp",
            dependencies: [
                "ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights",
                "ICPDataset",
                "ICPWorkspace",
                "ICPLanguageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(
            name: "ICPCoreTests",
            dependencies: ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset"]
        ),
        .testTarget(
            name: "ICPDatasetTests",
            dependencies: ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset"]
        ),
        .testTarget(
            name: "ICPWorkspaceTests",
            dependencies: ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset", "ICPWorkspace"]
        ),
        .testTarget(
            name: "ICPFeaturesTests",
            dependencies: ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset", "ICPWorkspace", "ICPFeatures"]
        ),
        .testTarget(
            name: "ICPLanguageServerTests",
            dependencies: ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset", "ICPWorkspace", "ICPFeatures", "ICPLanguageServer"]
        ),
        .testTarget(
            name: "ICPCLITests",
            dependencies: ["ICPLanguage", "ICPEngine", "ICPBuilders", "ICPInsights", "ICPDataset", "ICPWorkspace"]
        ),
    ]
)
