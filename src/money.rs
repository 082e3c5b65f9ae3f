//! Amounts of money (account balances) as the operator reads them.

/// `1 234,50`: spaces between thousands, a decimal comma, always two
/// decimals, cents rounded half away from zero; `—` for NaN and infinities.
///
/// The amount is first written with six decimals (the correctly rounded
/// decimal form of the `f64`), then rounded to cents on those digits, so that
/// `1.005`, stored as `1.00499999…`, still shows as `1,01`.
pub(crate) fn format_money(amount: f64) -> String {
    if !amount.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{:.6}", amount.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, "000000"));
    // All the digits up to the cents, then round on the third decimal.
    let mut digits: Vec<u8> = int_part
        .bytes()
        .chain(frac_part.bytes().take(2))
        .map(|c| c - b'0')
        .collect();
    if frac_part.as_bytes().get(2).is_some_and(|&c| c >= b'5') {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let negative = amount < 0.0 && digits.iter().any(|&d| d != 0);
    let (int_digits, cents) = digits.split_at(digits.len() - 2);
    let mut out = String::with_capacity(int_digits.len() * 4 / 3 + 5);
    if negative {
        out.push('-');
    }
    for (i, d) in int_digits.iter().enumerate() {
        if i > 0 && (int_digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(char::from(b'0' + d));
    }
    out.push(',');
    out.extend(cents.iter().map(|d| char::from(b'0' + d)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_and_decimals() {
        assert_eq!(format_money(1234.5), "1 234,50");
        assert_eq!(format_money(0.0), "0,00");
        assert_eq!(format_money(7.0), "7,00");
        assert_eq!(format_money(100.0), "100,00");
        assert_eq!(format_money(1000.0), "1 000,00");
        assert_eq!(format_money(123_456.0), "123 456,00");
        assert_eq!(format_money(1_000_000.0), "1 000 000,00");
        assert_eq!(format_money(0.07), "0,07");
    }

    #[test]
    fn negatives() {
        assert_eq!(format_money(-1_234_567.891), "-1 234 567,89");
        assert_eq!(format_money(-0.5), "-0,50");
        assert_eq!(format_money(-0.0), "0,00");
        assert_eq!(format_money(-0.001), "0,00");
        assert_eq!(format_money(-0.005), "-0,01");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(format_money(999.999), "1 000,00");
        assert_eq!(format_money(999.994), "999,99");
        assert_eq!(format_money(0.125), "0,13");
        assert_eq!(format_money(1.005), "1,01");
        assert_eq!(format_money(2.675), "2,68");
        assert_eq!(format_money(-2.675), "-2,68");
        assert_eq!(format_money(9.995), "10,00");
        assert_eq!(format_money(99_999.995), "100 000,00");
    }

    #[test]
    fn not_numbers() {
        assert_eq!(format_money(f64::NAN), "—");
        assert_eq!(format_money(f64::INFINITY), "—");
        assert_eq!(format_money(f64::NEG_INFINITY), "—");
    }

    #[test]
    fn huge_amounts_keep_their_digits() {
        assert_eq!(format_money(1e20), "100 000 000 000 000 000 000,00");
        assert_eq!(format_money(f64::MAX).len(), 309 + 102 + 3);
    }
}
