//! Syntax and input errors, raised by the zone reader (ZW10xx).
//!
//! A syntax error drops the record it spoils; reading goes on at the next line, so one run
//! lists every error in a file.

use crate::declare_rule;

declare_rule! {
    /// A line that is not a record: no record type where one was expected.
    ///
    /// ## What it checks
    /// Each record line must read `[owner] [TTL] [class] TYPE RDATA` (RFC 1035 §5.1). This
    /// fires when no known type mnemonic or `TYPEnnn` (RFC 3597 §5) stands where the type
    /// belongs, or a class other than the zone's is given.
    ///
    /// ## Why it matters
    /// Servers refuse to load the whole zone over one such line.
    ///
    /// ## Example
    /// ```text
    /// www  300  IN  AA  192.0.2.1   ; AA is not a type
    /// ```
    pub BAD_RECORD_LINE = ("ZW1001", "bad-record-line", Error);
}

declare_rule! {
    /// An RDATA field that cannot be read as its type requires.
    ///
    /// ## What it checks
    /// Each field of the RDATA is read by the rules of its type's RFC: addresses, numbers in
    /// range, names, base64 and hex, type bitmaps, RRSIG times, and the RFC 3597 generic form
    /// `\# LENGTH HEX`, whose length must match the data.
    ///
    /// ## Why it matters
    /// A server refuses the zone, or worse, a lenient tool reads something else than meant.
    ///
    /// ## Example
    /// ```text
    /// mail  A  192.0.2.300
    /// ```
    pub BAD_RDATA = ("ZW1002", "bad-rdata", Error);
}

declare_rule! {
    /// A record whose RDATA ends before all of its fields are given.
    ///
    /// ## What it checks
    /// The record has fewer RDATA fields than its type requires (RFC 1035 §3.3 and the
    /// type's own RFC).
    ///
    /// ## Example
    /// ```text
    /// @  MX  10     ; no exchange
    /// ```
    pub MISSING_RDATA = ("ZW1003", "missing-rdata", Error);
}

declare_rule! {
    /// Text left over after the last RDATA field.
    ///
    /// ## What it checks
    /// The record has more fields than its type takes. Often a missing `;` before a comment
    /// or a missing pair of parentheses.
    ///
    /// ## Example
    /// ```text
    /// www  A  192.0.2.1  192.0.2.2
    /// ```
    pub TRAILING_RDATA = ("ZW1004", "trailing-rdata", Error);
}

declare_rule! {
    /// Parentheses that do not pair up.
    ///
    /// ## What it checks
    /// A `(` continues a record over several lines until its `)` (RFC 1035 §5.1). An
    /// unclosed `(` would swallow the rest of the file in a lenient reader; a stray `)` is
    /// ignored by some and refused by others.
    ///
    /// ## Example
    /// ```text
    /// @  SOA  ns hostmaster ( 1 7200 3600 1209600 3600
    /// ```
    pub UNBALANCED_PARENTHESES = ("ZW1005", "unbalanced-parentheses", Error);
}

declare_rule! {
    /// A quoted string that is still open at the end of its line.
    ///
    /// ## What it checks
    /// A `"` opens a character string that must close on the same line (RFC 1035 §5.1).
    ///
    /// ## Example
    /// ```text
    /// @  TXT  "v=spf1 -all
    /// ```
    pub UNTERMINATED_QUOTE = ("ZW1006", "unterminated-quote", Error);
}

declare_rule! {
    /// A backslash escape that does not decode.
    ///
    /// ## What it checks
    /// `\DDD` must be three decimal digits no greater than 255, and a backslash must be
    /// followed by something (RFC 1035 §5.1), in names, strings and file names alike.
    ///
    /// ## Example
    /// ```text
    /// odd\300name  A  192.0.2.1
    /// ```
    pub BAD_ESCAPE = ("ZW1007", "bad-escape", Error);
}

declare_rule! {
    /// A TTL that is not a number or a sequence of numbers with units.
    ///
    /// ## What it checks
    /// TTLs are decimal seconds or BIND's unit form `1w2d3h4m5s`, in 32 bits
    /// (RFC 1035 §3.2.1, RFC 2308 §4).
    ///
    /// ## Example
    /// ```text
    /// $TTL 36O0     ; letter O, not zero
    /// ```
    pub BAD_TTL = ("ZW1008", "bad-ttl", Error);
}

declare_rule! {
    /// A domain name longer than 255 octets in wire form.
    ///
    /// ## What it checks
    /// RFC 1035 §2.3.4 limits a name to 255 octets, the origin appended.
    pub NAME_TOO_LONG = ("ZW1009", "name-too-long", Error);
}

declare_rule! {
    /// A label longer than 63 octets, or an empty label.
    ///
    /// ## What it checks
    /// RFC 1035 §2.3.4 limits a label to 63 octets; `a..b` has an empty label.
    pub BAD_LABEL = ("ZW1010", "bad-label", Error);
}

declare_rule! {
    /// A `$` directive that is not `$ORIGIN`, `$TTL`, `$INCLUDE` or `$GENERATE`, or one
    /// whose arguments are wrong.
    ///
    /// ## What it checks
    /// RFC 1035 §5.1 and RFC 2308 §4 define `$ORIGIN`, `$INCLUDE` and `$TTL`; BIND adds
    /// `$GENERATE`. A relative `$ORIGIN` is appended to the current origin, as BIND does.
    ///
    /// ## Example
    /// ```text
    /// $ORIGN example.com.
    /// ```
    pub BAD_DIRECTIVE = ("ZW1011", "bad-directive", Error);
}

declare_rule! {
    /// An `$INCLUDE` that cannot be followed.
    ///
    /// ## What it checks
    /// The file must exist and be readable (relative paths are taken from the including
    /// file's directory), must not include itself through any chain, and includes nest at
    /// most 16 deep. It must be a regular file below the main zone file's directory, or
    /// below a directory allowed with `--include-root` or `include-roots` in
    /// `zonewarden.toml`, symbolic links resolved; anything else is not opened, so a zone
    /// cannot make zonewarden read `/proc/self/environ`, a device or a FIFO. At most
    /// 50,000,000 records are read through includes (`[limits] included-records`).
    pub BAD_INCLUDE = ("ZW1012", "bad-include", Error);
}

declare_rule! {
    /// A `$GENERATE` whose range or templates cannot be expanded.
    ///
    /// ## What it checks
    /// `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs` (BIND): start no greater
    /// than stop, modifiers `${offset[,width[,base]]}` with base one of `d o x X n N`. The
    /// `$GENERATE` lines of a zone make at most 1,048,576 records in all (a /12 of reverse
    /// entries; `[limits] generated-records`), counted from their ranges before any line is
    /// expanded, and at most 256 bytes of text per record of that limit.
    pub BAD_GENERATE = ("ZW1013", "bad-generate", Error);
}

declare_rule! {
    /// A record with no TTL while no `$TTL` is in force.
    ///
    /// ## What it checks
    /// Without `$TTL` (RFC 2308 §4) a record with no TTL takes the previous record's TTL,
    /// or for the first, the SOA's minimum field, as BIND does. That is legal but
    /// easy to misread.
    ///
    /// ## Example
    /// ```text
    /// @  IN  SOA  ns hostmaster 1 7200 3600 1209600 3600   ; first line, no $TTL
    /// ```
    pub MISSING_TTL = ("ZW1014", "missing-ttl", Warning);
}

declare_rule! {
    /// A record whose owner is not given and cannot be carried over.
    ///
    /// ## What it checks
    /// A line that starts with white space takes the previous record's owner (RFC 1035
    /// §5.1); the first record of a file has none to take.
    pub NO_OWNER = ("ZW1015", "no-owner", Error);
}

declare_rule! {
    /// A file that could not be read at all.
    ///
    /// ## What it checks
    /// The zone file is missing, unreadable, or larger than 4 GiB, or its records' data
    /// reach 4 GiB in wire form.
    pub UNREADABLE_FILE = ("ZW1016", "unreadable-file", Error);
}
