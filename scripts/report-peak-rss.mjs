// Loaded with --import by the benchmarks: prints the process's peak RSS (KB) on exit, on stderr, marked.
process.on('exit', () => process.stderr.write(`\n@@peak-rss-kb ${process.resourceUsage().maxRSS}\n`));
