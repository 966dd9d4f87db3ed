//! Mounts the app; everything else is in the library.

/// talc, not Rust's default dlmalloc: about half the code and faster (its own WebAssembly
/// benchmarks), and the first load pays for every byte.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // A panic goes to the console and replaces the page with a recovery view.
    discrepancy_admin::recovery::install();
    discrepancy_admin::start();
}
