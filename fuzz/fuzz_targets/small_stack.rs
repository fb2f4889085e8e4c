//! Runs each fuzz input on a thread with a 16 KiB stack (the bound; firmware has 4 KiB
//! per entry point, measured in tests/freestanding). A reader that used stack in proportion to
//! its input would run into the thread's guard page, which is a crash libFuzzer reports, as is
//! a panic (libfuzzer-sys's hook aborts the process from any thread). One long-lived thread
//! serves every input, so an execution costs two channel hand-offs, not a thread spawn.
//! Buffers the checks need go on the heap: the 16 KiB are for the code under test.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Mutex, OnceLock};

/// The stack every target's check runs on.
pub const STACK: usize = 16 * 1024;

type Job = (Vec<u8>, fn(&[u8]));

struct Worker {
    jobs: SyncSender<Job>,
    done: Receiver<()>,
}

fn worker() -> &'static Mutex<Worker> {
    static WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();
    WORKER.get_or_init(|| {
        let (jobs, job_rx) = sync_channel::<Job>(0);
        let (done_tx, done) = sync_channel::<()>(0);
        std::thread::Builder::new()
            .name("small-stack".into())
            .stack_size(STACK)
            .spawn(move || {
                for (data, check) in job_rx {
                    check(&data);
                    if done_tx.send(()).is_err() {
                        break;
                    }
                }
            })
            .expect("spawn the small-stack thread");
        Mutex::new(Worker { jobs, done })
    })
}

/// Runs `check(data)` on the small-stack thread and waits for it.
pub fn run(data: &[u8], check: fn(&[u8])) {
    let worker = worker().lock().expect("one input at a time");
    worker.jobs.send((data.to_vec(), check)).expect("the small-stack thread is alive");
    worker.done.recv().expect("the small-stack thread finished the input");
}

/// Decodes `data` as libfuzzer-sys's typed `fuzz_target!` does, so existing corpora keep their
/// meaning.
#[allow(dead_code)] // not every target decodes typed input
pub fn typed<'a, T: arbitrary::Arbitrary<'a>>(data: &'a [u8]) -> Option<T> {
    T::arbitrary_take_rest(arbitrary::Unstructured::new(data)).ok()
}
