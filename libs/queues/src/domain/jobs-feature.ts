/** The queue service's name among job features: its BullMQ queues live under `<keyPrefix>:{jobs:queues}`. */
export const QUEUES_JOBS = 'queues';
