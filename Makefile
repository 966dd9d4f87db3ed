# The two commands of the README. Both install what is missing first.
.PHONY: dev test bench bench-browser bench-insights lint screenshots

## Run the app: oms-dev with demo data + trunk serve; prints the URL and the demo token.
dev:
	scripts/dev.sh

## Run every test layer (host, wasm components, size budget, end-to-end).
test:
	scripts/test.sh

## Benchmarks (not part of the tests): oms-dev at 1,000,000 records.
bench:
	cargo bench -p oms-dev

## Browser benchmark (not part of the tests): first rows vs a static page, flips, memory, size.
## Writes BENCHMARKS.md and BENCHMARKS.json; options via ARGS, e.g. ARGS="--runs 3".
bench-browser:
	scripts/bench-browser.sh $(ARGS)

## The insights page against oms-dev at 1,000,000 records: cold, cached, per day; requests.
## Options via ARGS, e.g. ARGS="--runs 5 --records 100000".
bench-insights:
	BENCH=insights scripts/bench-browser.sh $(ARGS)

## The README's screenshots (docs/screenshots/): fixed data, clock and port, so they change
## only when the UI does. The tests write theirs to tests/e2e/output/ instead.
screenshots:
	scripts/screenshots.sh

## Formatting and lints for the host and the wasm target.
lint:
	scripts/lint.sh
