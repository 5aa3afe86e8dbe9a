//! `validate_typed` allocates nothing on a valid payload: every valid vector is decoded
//! without checks (`MessageInfo::typed_check`), checked once, then checked again with the
//! allocations of the thread counted, which must be none. (`validate` on a parsed `Value` is
//! counted the same way over the official suite, in `tests/suite/run`; here it may allocate
//! for embedded JSON, which it decodes into its type to check it.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use conformance::{find_vectors, vector_roots};
use libtest_mimic::{Arguments, Failed, Trial};

/// The system allocator, counting each thread's allocations.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged; the count is a side effect.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's guarantees for `layout` are `System.alloc`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above, that is from `System`, with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: as for `dealloc`, and `new_size` is the caller's to guarantee.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for root in vector_roots() {
        let vectors = match find_vectors(&root) {
            Ok(vectors) => vectors,
            Err(e) => {
                let name = format!("vectors in {}", root.display());
                trials.push(Trial::test(name, move || Err(e.into())));
                continue;
            }
        };
        for vector in vectors.into_iter().filter(|v| v.valid) {
            let name = format!("{} typed check allocates nothing", vector.name());
            trials.push(Trial::test(name, move || {
                let info = contracts::MESSAGES
                    .iter()
                    .find(|m| m.contract == vector.contract && m.message == vector.message)
                    .ok_or("no generated message for the vector")?;
                let text = std::fs::read(&vector.path).map_err(|e| e.to_string())?;
                let value: serde_json::Value =
                    serde_json::from_slice(&text).map_err(|e| e.to_string())?;
                let check = (info.typed_check)(&value)
                    .ok_or("the valid vector does not decode into the types")?;
                if !check() {
                    return Err("validate_typed refuses the valid vector".into());
                }
                let before = ALLOCATIONS.with(Cell::get);
                let valid = check();
                let count = ALLOCATIONS.with(Cell::get) - before;
                match (valid, count) {
                    (true, 0) => Ok(()),
                    (valid, count) => Err(Failed::from(format!(
                        "validate_typed said {valid} after {count} allocation(s)"
                    ))),
                }
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
