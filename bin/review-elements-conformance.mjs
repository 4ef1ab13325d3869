#!/usr/bin/env node
// `npx review-elements-conformance --api … --production … --token …`: the conformance kit
// (src/conformance, built into dist/conformance). docs/conformance.md tells how to read its report.
import { main } from '../dist/conformance/index.js';

process.exitCode = await main(process.argv.slice(2));
