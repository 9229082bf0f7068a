// Preloaded (node -r) into every child of the SQS bench: when the bench process goes away for any
// reason, the IPC channel closes and the child stops itself with SIGTERM, so that it drains and
// stops whatever it started (Switchyard's embedded redis-server) instead of living on.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => {
    process.stderr.write(`[sqs bench child ${process.pid}] the bench's IPC channel closed: stopping\n`);
    process.kill(process.pid, 'SIGTERM');
  });
}
