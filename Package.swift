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
        // `icp report` prints each input's SHA-256, which a reader can check with `sha256sum`.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Pure analysis: syntax trees with ranges, the ICP model, checks. No file system, no clock.
        .target(
            name: "ICPCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Reading datasets (CSV, JSON Lines): type inference, the built-in sample.
        .target(
            name: "ICPDataset",
            dependencies: ["ICPCore"]
        ),
        // The file system side: workspace discovery, datasets per workspace, checking files on disk.
        .target(
            name: "ICPWorkspace",
            dependencies: ["ICPCore", "ICPDataset", .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // What an editor shows, knowing no protocol: hover, completion, code-action candidates,
        // lenses, inlay hints, account documents, as functions of an immutable file snapshot.
        .target(
            name: "ICPFeatures",
            dependencies: ["ICPCore", "ICPDataset", "ICPWorkspace"]
        ),
        // The language server: JSON-RPC framing, LSP types, one actor of state, the conversion of
        // the feature layer's answers to LSP.
        .target(
            name: "ICPLanguageServer",
            dependencies: ["ICPCore", "ICPDataset", "ICPWorkspace", "ICPFeatures"]
        ),
        .executableTarget(
            name: "icp",
            dependencies: [
                "ICPCore",
                "ICPDataset",
                "ICPWorkspace",
                "ICPLanguageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ICPCoreTests",
            dependencies: ["ICPCore", "ICPDataset"]
        ),
        .testTarget(
            name: "ICPDatasetTests",
            dependencies: ["ICPCore", "ICPDataset"]
        ),
        .testTarget(
            name: "ICPWorkspaceTests",
            dependencies: ["ICPCore", "ICPDataset", "ICPWorkspace"]
        ),
        .testTarget(
            name: "ICPFeaturesTests",
            dependencies: ["ICPCore", "ICPDataset", "ICPWorkspace", "ICPFeatures"]
        ),
        .testTarget(
            name: "ICPLanguageServerTests",
            dependencies: ["ICPCore", "ICPDataset", "ICPWorkspace", "ICPFeatures", "ICPLanguageServer"]
        ),
        .testTarget(
            name: "ICPCLITests",
            dependencies: ["ICPCore", "ICPDataset", "ICPWorkspace"]
        ),
    ]
)
