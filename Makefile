# The two commands of the README, and a few more.
#   make run    build Slant (release) and run the pipeline on corpus/ -> reports/
#   make test   build and run the test suite (debug)
SWIFT ?= swift

.PHONY: run test build bootstrap bench clean

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build -c release --product slant --static-swift-stdlib

run: build
	.build/release/slant run --config pipeline.yaml

test: bootstrap
	$(SWIFT) test

bench: bootstrap
	python3 bench/extraction.py

clean:
	rm -rf .build .build-bench .slant reports
