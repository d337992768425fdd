// The worker role: same code, consumes the queues, serves only /health.
process.env.MODE = 'worker';
import './main';
