fn main() {
    println!("pantau");
}
