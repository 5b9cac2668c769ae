#!/usr/bin/env node
// The CLI is TypeScript run by Node's own type stripping (Node >= 22.18 / 24): no build step.
import '../src/cli/main.ts';
