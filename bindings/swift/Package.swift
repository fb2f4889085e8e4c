// swift-tools-version:5.9
// The DrmToken Swift package: the uniffi-generated `DrmToken` module over the C module
// `drmtokenFFI` (header + module map; links libdrmtoken). Here it links the Linux shared library
// (`swift test -Xlinker -L<dir of libdrmtoken.so>`, see run-tests.sh); for iOS, docs/mobile.md
// replaces the system library target by an XCFramework binary target.
import PackageDescription

let package = Package(
    name: "DrmToken",
    products: [.library(name: "DrmToken", targets: ["DrmToken"])],
    targets: [
        .systemLibrary(name: "drmtokenFFI", path: "Sources/drmtokenFFI"),
        .target(name: "DrmToken", dependencies: ["drmtokenFFI"], path: "Sources/DrmToken"),
        .testTarget(name: "DrmTokenTests", dependencies: ["DrmToken"], path: "Tests/DrmTokenTests"),
    ]
)
