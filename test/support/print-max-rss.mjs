// Preloaded into a command a test runs (node --import): prints the process's peak resident memory at exit,
// so a test can hold a command to a memory bound without changing the command.
process.on('exit', () => process.stderr.write(`\nmaxRSS ${process.resourceUsage().maxRSS} kB\n`));
