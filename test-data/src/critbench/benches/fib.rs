// Criterion.rs writes target/criterion/<group>/<function>/{new,base,change}.
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use critbench::fibonacci;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("Fibonacci");
    g.sample_size(20);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(1));
    g.bench_function("Recursive", |b| b.iter(|| fibonacci(black_box(15))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
