// Writes a table as Rust source that builds it: `build.rs` includes this file beside
// `raw.rs` and turns each table into a function the binary calls on first use, so that
// start-up reads no JSON or TOML. Every field of every type in `raw.rs` is listed here;
// a field left out would make the generated struct literal fail to compile, so a new
// field cannot be dropped on the way.

/// A value written as a Rust expression that makes it.
pub trait Emit {
    fn emit(&self, out: &mut String);
}

impl Emit for String {
    fn emit(&self, out: &mut String) {
        // Debug quoting escapes what a Rust string literal must escape.
        out.push_str(&format!("String::from({self:?})"));
    }
}

impl Emit for bool {
    fn emit(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Emit for usize {
    fn emit(&self, out: &mut String) {
        out.push_str(&format!("{self}usize"));
    }
}

impl Emit for i64 {
    fn emit(&self, out: &mut String) {
        out.push_str(&format!("{self}i64"));
    }
}

impl<T: Emit> Emit for Option<T> {
    fn emit(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(value) => {
                out.push_str("Some(");
                value.emit(out);
                out.push(')');
            }
        }
    }
}

impl<T: Emit> Emit for Vec<T> {
    fn emit(&self, out: &mut String) {
        if self.is_empty() {
            out.push_str("Vec::new()");
            return;
        }
        out.push_str("vec![");
        for item in self {
            item.emit(out);
            out.push_str(",\n");
        }
        out.push(']');
    }
}

impl Emit for BTreeMap<String, String> {
    fn emit(&self, out: &mut String) {
        if self.is_empty() {
            out.push_str("BTreeMap::new()");
            return;
        }
        out.push_str("BTreeMap::from([");
        for (key, value) in self {
            out.push('(');
            key.emit(out);
            out.push_str(", ");
            value.emit(out);
            out.push_str("),\n");
        }
        out.push_str("])");
    }
}

impl Emit for ValueKind {
    fn emit(&self, out: &mut String) {
        out.push_str(&format!("ValueKind::{self:?}"));
    }
}

/// `Emit` for a struct, written as its literal with every field named.
macro_rules! emit_struct {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl Emit for $name {
            fn emit(&self, out: &mut String) {
                out.push_str(concat!(stringify!($name), " {"));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.emit(out);
                    out.push_str(",\n");
                )*
                out.push('}');
            }
        }
    };
}

emit_struct!(ProviderInfo {
    id,
    name,
    base,
    base_source,
    id_parameter,
    id_parameter_source,
    regions,
    regions_source,
    host_suffixes,
    hosts,
    namespaces,
    markers,
    json_names,
    max_configurations,
    max_configurations_source,
    prefix_overlap,
    bucket_names,
    account_match,
    id_methods,
    body_formats,
    body_formats_source,
    names_ignore_case,
    string_booleans,
});
emit_struct!(BucketForm { pattern, shown });
emit_struct!(ExtraValues {
    pattern,
    description
});
emit_struct!(ConfigurationValue {
    path,
    value,
    reason
});
emit_struct!(MethodCondition { method, reason });
emit_struct!(AccountMatch {
    account,
    arn,
    arn_account,
    source
});
emit_struct!(HostEntry {
    pattern,
    bucket_from_path
});
emit_struct!(PrefixOverlap { path, reason });
emit_struct!(BucketNames {
    min_length,
    max_length,
    characters,
    no_adjacent,
    no_ip_address,
    pattern,
    pattern_description,
    reserved_prefixes,
    reserved_names,
    describe,
    source,
});
emit_struct!(SiblingValue {
    element,
    value,
    reason
});
emit_struct!(TableFile {
    provider,
    element,
    order
});
emit_struct!(OrderEntry {
    lower,
    upper,
    source
});
emit_struct!(ElementEntry {
    path,
    kind,
    required,
    repeated,
    values,
    min_length,
    max_length,
    min,
    max,
    pattern,
    pattern_description,
    same_as,
    source,
    note,
    separator,
    exclusive_values,
    undocumented_values,
    undocumented,
    regions,
    one_of,
    forbidden,
    text_ignored,
    empty_warning,
    requires,
    required_when,
    past,
    max_occurs_warning,
    bucket_arn_prefix,
    bucket_form,
    json_array_item,
    extra_values,
    requires_value,
    not_in_request,
});
