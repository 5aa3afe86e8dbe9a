//! The class of each IR type: `@Serializable` data classes that keep unknown properties, enum
//! classes for string enums, sealed interfaces whose serializer picks the alternative by running
//! its validator, and the message's entry point (`ContractMessage`) on the root type. A type
//! is declared once, in the package of its module; other packages import it.

use super::layout::{string_literal, width, Expr, Writer, WIDTH};
use super::names::identifier;
use super::plan::{Alternative, Entry, ModulePlan, Plan};
use super::symbols::Symbols;
use super::types::{property_annotation, TypeRenderer};
use crate::ir::{
    Contracts, EnumVariant, Field, Message, ModuleId, TypeKind, TypeRef, UnionVariant,
};

/// Renders the declarations of one module (package).
pub struct Declarations<'a> {
    pub contracts: &'a Contracts,
    pub plan: &'a Plan,
    pub module: ModuleId,
    /// The message whose package this is, if any.
    pub message: Option<&'a Message>,
}

impl Declarations<'_> {
    fn here(&self) -> &ModulePlan {
        &self.plan.modules[self.module]
    }

    fn is_entry(&self, id: usize) -> bool {
        self.here().entry == Some(Entry::Companion(id))
    }

    /// The body of the file that declares type `id`, and the file-level annotation it needs.
    pub fn type_file(&self, id: usize, symbols: &mut Symbols) -> (String, Option<String>) {
        let def = &self.contracts.types[id];
        let mut types = TypeRenderer::new(self.plan, self.module);
        let mut w = Writer::new(0);
        if let Some(doc) = &def.doc {
            w.kdoc(doc);
        }
        match &def.kind {
            TypeKind::Struct { fields } => {
                self.struct_class(&mut w, id, fields, &mut types, symbols)
            }
            TypeKind::StringEnum {
                variants,
                open: false,
            } => self.enum_class(&mut w, id, variants, symbols),
            TypeKind::StringEnum {
                variants,
                open: true,
            } => self.open_enum(&mut w, id, variants, symbols),
            TypeKind::Union { variants } => {
                self.union_interface(&mut w, id, variants, &mut types, symbols)
            }
        }
        let annotation = types.needs.annotation(symbols);
        (w.finish(), annotation)
    }

    /// The body of the file of a top-level entry object, for roots that are not named types.
    pub fn entry_object_file(
        &self,
        message: &Message,
        name: &str,
        symbols: &mut Symbols,
    ) -> (String, Option<String>) {
        let mut types = TypeRenderer::new(self.plan, self.module);
        let mut w = Writer::new(0);
        w.kdoc(&entry_doc(message));
        let root = types.kotlin_type(&message.root, symbols);
        let serializer = types.serializer(&message.root, symbols);
        let supertype = contract_message_call(message, &root, symbols);
        open_with_supertype(&mut w, &format!("object {name}"), &supertype);
        // A plain object's members cannot be `@JvmStatic` overrides (Kotlin refuses them): Java
        // reaches this entry as `Name.INSTANCE`.
        self.entry_members(&mut w, &root, &serializer, false, symbols);
        w.close("}");
        let annotation = types.needs.annotation(symbols);
        (w.finish(), annotation)
    }

    fn struct_class(
        &self,
        w: &mut Writer,
        id: usize,
        fields: &[Field],
        types: &mut TypeRenderer,
        symbols: &mut Symbols,
    ) {
        let name = &self.plan.types[id];
        let names: Vec<String> = self.plan.fields[id].iter().map(|n| identifier(n)).collect();
        w.line(&format!(
            "@{}(with = {name}.Serializer::class)",
            symbols.name("Serializable")
        ));
        // Every data class has a defaulted parameter (`extra`), so Java gets constructors that
        // leave the defaulted ones out. ktfmt puts the annotated constructor keyword on lines of
        // its own when the parameters do not fit on the class's line, which `extra`'s KDoc
        // never lets them.
        w.line(&format!("data class {name}"));
        w.line(&format!("@{}", symbols.name("JvmOverloads")));
        w.open("constructor(");
        self.properties(w, fields, &names, true, types, symbols);
        let extra = identifier(&self.plan.extra_field[id]);
        w.kdoc("Unknown properties and explicit nulls, kept so that re-encoding loses nothing.");
        w.line(&format!(
            "@{} val {extra}: {}<{}, {}> = emptyMap(),",
            symbols.name("Transient"),
            symbols.name("Map"),
            symbols.name("String"),
            symbols.name("JsonElement")
        ));
        w.close(&format!("){} {{", self.supertypes(id)));
        w.indent_by(1);
        self.instance_helpers(w, id, symbols);
        // The plugin's serializer of the named properties, on a private class of the same
        // properties (and serial name, which kotlinx's messages quote): the class's own serializer
        // is the custom one below, and keeping the plugin's beside it would take the
        // experimental `@KeepGeneratedSerializer`.
        let properties: Vec<Expr> = names.iter().map(|n| Expr::atom(n.clone())).collect();
        w.assign(
            "private fun surrogate(): Surrogate",
            &Expr::call("Surrogate", properties.clone()),
        );
        w.line("");
        w.kdoc(&format!(
            "The properties the schema names, as they travel; [Serializer] adds [{extra}] around them."
        ));
        w.line(&format!("@{}", symbols.name("Serializable")));
        w.line(&format!(
            "@{}({})",
            symbols.name("SerialName"),
            string_literal(&format!("{}.{name}", self.here().package))
        ));
        match (fields, names.as_slice()) {
            ([], _) => w.open("private class Surrogate {"),
            // ktfmt puts a lone parameter on the class's line when it fits, and never gives it
            // a trailing comma; two or more keep theirs, one per line.
            ([field], [kotlin_name]) => {
                let (annotations, declaration) =
                    property(field, kotlin_name, false, types, symbols);
                let flat = format!(
                    "private class Surrogate({} {declaration}) {{",
                    annotations.join(" ")
                );
                if w.indent() + width(&flat) <= WIDTH {
                    w.open(&flat);
                } else {
                    w.open("private class Surrogate(");
                    annotated(w, &annotations, &declaration);
                    w.close(") {");
                    w.indent_by(1);
                }
            }
            _ => {
                w.open("private class Surrogate(");
                self.properties(w, fields, &names, false, types, symbols);
                w.close(") {");
                w.indent_by(1);
            }
        }
        w.assign(
            &format!("fun value(): {name}"),
            &Expr::call(name.clone(), properties),
        );
        w.close("}");
        w.line("");
        w.line("internal object Serializer :");
        w.indent_by(1);
        let surrogate = Expr::call(
            format!("{}<{name}, Surrogate>", symbols.name("SurrogateSerializer")),
            vec![
                Expr::atom("Surrogate.serializer()"),
                Expr::atom("{ it.surrogate() }"),
                Expr::atom("{ it.value() }"),
            ],
        );
        let serializer = Expr::call(
            format!("{}<{name}>", symbols.name("ExtraFieldsSerializer")),
            vec![
                surrogate,
                Expr::atom(format!("{{ it.{extra} }}")),
                Expr::atom(format!("{{ value, extra -> value.copy({extra} = extra) }}")),
            ],
        );
        w.statement("", &serializer, " {");
        w.indent_by(-1);
        self.tree_reading(w, name, fields, types, symbols);
        w.close("}");
        self.companion(w, id, symbols);
        w.close("}");
    }

    /// The serializer's `fromTree`: the class read straight from its validated object, each
    /// property by the runtime's `TreeReads` (what the plugin's serializer would do for it, with
    /// no decoder per element). Members are held in locals named by position, so no wire or
    /// property name can clash with the code's own names; a missing required property falls
    /// back on the plugin's reading, whose failure is the one decoding has always reported.
    fn tree_reading(
        &self,
        w: &mut Writer,
        name: &str,
        fields: &[Field],
        types: &mut TypeRenderer,
        symbols: &mut Symbols,
    ) {
        let reads = symbols.name("TreeReads");
        let mut hoisted: Vec<(usize, Expr)> = Vec::new();
        let mut args: Vec<Expr> = Vec::new();
        for (i, field) in fields.iter().enumerate() {
            let (read, built) = tree_read(field, i, &reads, types, symbols);
            args.push(read);
            if let Some(built) = built {
                hoisted.push((i, built));
            }
        }
        args.push(Expr::atom("rest"));
        if !hoisted.is_empty() {
            // A serializer built by a call (a list's, a map's, embedded JSON's) is built once, not
            // on every read; lazily, because the serializer objects of the classes it names may
            // be initializing when this object is (a recursive type).
            w.line("// Built at the first read: another class's serializer may not exist yet.");
        }
        for (i, built) in &hoisted {
            let flat = format!("private val serializer{i} by lazy {{ {} }}", built.flat());
            if w.indent() + width(&flat) <= WIDTH {
                w.line(&flat);
            } else {
                w.open(&format!("private val serializer{i} by lazy {{"));
                w.statement("", built, "");
                w.close("}");
            }
        }
        if !hoisted.is_empty() {
            w.line("");
        }
        w.open(&format!(
            "override fun fromTree(element: {}, json: {}): {name} {{",
            symbols.name("JsonObject"),
            symbols.name("Json")
        ));
        let fallback = "return super.fromTree(element, json)";
        for (i, field) in fields.iter().enumerate() {
            let member = format!("element[{}]", string_literal(&field.wire_name));
            if field.required {
                elvis(w, &format!("val m{i} ="), &member, fallback);
            } else {
                w.assign(&format!("val m{i}"), &Expr::atom(member));
            }
        }
        let required = fields.iter().filter(|f| f.required).count();
        let optional: Vec<usize> = (0..fields.len()).filter(|&i| !fields[i].required).collect();
        let binding = if optional.is_empty() { "val" } else { "var" };
        w.line(&format!("{binding} named = {required}"));
        for i in optional {
            w.line(&format!("if ({reads}.held(m{i})) named++"));
        }
        w.line("val rest = if (named == element.size) emptyMap() else extra(element)");
        w.statement("return ", &Expr::call(name, args), "");
        w.close("}");
    }

    /// The constructor properties of a struct's named fields, with their wire names and
    /// serializers; `documented` puts each field's KDoc above it (the public class's, not the
    /// surrogate's).
    fn properties(
        &self,
        w: &mut Writer,
        fields: &[Field],
        names: &[String],
        documented: bool,
        types: &mut TypeRenderer,
        symbols: &mut Symbols,
    ) {
        for (field, kotlin_name) in fields.iter().zip(names) {
            if let Some(doc) = field.doc.as_ref().filter(|_| documented) {
                w.kdoc(doc);
            }
            // The public class's typed constants default to their value; the surrogate's do not,
            // so the serializer always writes them (kotlinx leaves out what equals a default).
            let (annotations, declaration) =
                property(field, kotlin_name, documented, types, symbols);
            annotated(w, &annotations, &format!("{declaration},"));
        }
    }

    fn enum_class(
        &self,
        w: &mut Writer,
        id: usize,
        variants: &[EnumVariant],
        symbols: &mut Symbols,
    ) {
        let name = &self.plan.types[id];
        w.line(&format!("@{}", symbols.name("Serializable")));
        w.open(&format!("enum class {name}{} {{", self.supertypes(id)));
        let root = self.is_entry(id);
        let entries = self.plan.variants.get(id).map_or(&[][..], Vec::as_slice);
        for (i, (variant, entry)) in variants.iter().zip(entries).enumerate() {
            let last = i + 1 == variants.len();
            // ktfmt ends a lone entry without a comma.
            let end = match (last, root) {
                (true, true) => ";",
                (true, false) if variants.len() == 1 => "",
                _ => ",",
            };
            let annotation = format!(
                "@{}({})",
                symbols.name("SerialName"),
                string_literal(&variant.wire_value)
            );
            annotated(w, &[annotation], &format!("{entry}{end}"));
        }
        if root {
            w.line("");
            self.instance_helpers(w, id, symbols);
            self.companion(w, id, symbols);
        }
        w.close("}");
    }

    /// An open enum: a sealed interface with an object for each known value and a data class
    /// holding any other string as sent. A Kotlin `enum class` cannot hold a value it does not
    /// list, and kotlinx's `coerceInputValues` would replace it rather than keep it.
    fn open_enum(
        &self,
        w: &mut Writer,
        id: usize,
        variants: &[EnumVariant],
        symbols: &mut Symbols,
    ) {
        let name = &self.plan.types[id];
        let names = self.plan.variants.get(id).map_or(&[][..], Vec::as_slice);
        let (known, other) = names.split_at(variants.len().min(names.len()));
        let other = other.first().map_or("Other", String::as_str);
        let string = symbols.name("String");
        w.line(&format!(
            "@{}(with = {name}.Serializer::class)",
            symbols.name("Serializable")
        ));
        w.open(&format!(
            "sealed interface {name}{} {{",
            self.supertypes(id)
        ));
        w.kdoc("The value as it travels on the wire.");
        w.line(&format!("val value: {string}"));
        for (variant, entry) in variants.iter().zip(known) {
            w.line("");
            w.kdoc(&format!("`{}` on the wire.", variant.wire_value));
            w.open(&format!("object {entry} : {name} {{"));
            w.line(&format!(
                "override val value: {string} = {}",
                string_literal(&variant.wire_value)
            ));
            w.line("");
            w.line(&format!("override fun toString(): {string} = value"));
            w.close("}");
        }
        w.line("");
        w.kdoc(
            "Any other string, kept as sent: the schema lists the values above and accepts others.",
        );
        w.line(&format!(
            "data class {other}(override val value: {string}) : {name}"
        ));
        w.line("");
        self.instance_helpers(w, id, symbols);
        let base = format!(
            "{}<{name}>({})",
            symbols.name("OpenEnumSerializer"),
            string_literal(&format!("{}.{name}", self.here().package))
        );
        w.open(&format!("object Serializer : {base} {{"));
        w.line(&format!(
            "override fun of(value: {string}): {name} = {name}.of(value)"
        ));
        w.line("");
        w.line(&format!(
            "override fun valueOf(value: {name}): {string} = value.value"
        ));
        w.close("}");
        let jvm_static = symbols.name("JvmStatic");
        let of = |w: &mut Writer| {
            w.kdoc(&format!("The known value `value` names, else [{other}]."));
            // ktfmt gives an annotation a line of its own when the declaration spans several.
            w.line(&format!("@{jvm_static}"));
            w.line(&format!("fun of(value: {string}): {name} ="));
            w.indent_by(1);
            w.open("when (value) {");
            for (variant, entry) in variants.iter().zip(known) {
                w.line(&format!(
                    "{} -> {entry}",
                    string_literal(&variant.wire_value)
                ));
            }
            w.line(&format!("else -> {other}(value)"));
            w.close("}");
            w.indent_by(-1);
        };
        if self.is_entry(id) {
            self.companion_with(w, id, symbols, Some(&of));
        } else {
            w.line("");
            w.open("companion object {");
            of(w);
            w.close("}");
        }
        w.close("}");
    }

    fn union_interface(
        &self,
        w: &mut Writer,
        id: usize,
        variants: &[UnionVariant],
        types: &mut TypeRenderer,
        symbols: &mut Symbols,
    ) {
        let name = &self.plan.types[id];
        w.line(&format!(
            "@{}(with = {name}.Serializer::class)",
            symbols.name("Serializable")
        ));
        w.open(&format!(
            "sealed interface {name}{} {{",
            self.supertypes(id)
        ));
        let alternatives = &self.plan.alternatives[id];
        for (variant, alternative) in variants.iter().zip(alternatives) {
            if let Alternative::Wrapper(class) = alternative {
                // Not serialized by the plugin: the union's serializer reads and writes `value`.
                let ty = types.kotlin_type(&variant.ty, symbols);
                w.line(&format!("data class {class}(val value: {ty}) : {name}"));
                w.line("");
            }
        }
        self.instance_helpers(w, id, symbols);
        let base = format!(
            "{}<{name}>({})",
            symbols.name("UnionSerializer"),
            string_literal(&format!("{}.{name}", self.here().package))
        );
        // Members of an interface are public: no `internal` here.
        w.open(&format!("object Serializer : {base} {{"));
        let json = symbols.name("Json");
        let element = symbols.name("JsonElement");
        w.open(&format!(
            "override fun decode(element: {element}, json: {json}): {name} {{"
        ));
        for (variant, alternative) in variants.iter().zip(alternatives) {
            let passes = self.passes(variant.check, symbols);
            w.statement("if (", &passes, ") {");
            let serializer = types.serializer(&variant.ty, symbols);
            let decoded = Expr::call(
                "json.decodeFromJsonElement",
                vec![Expr::atom(serializer), Expr::atom("element")],
            );
            let value = match alternative {
                Alternative::Direct(_) => decoded,
                Alternative::Wrapper(class) => Expr::call(class.clone(), vec![decoded]),
            };
            w.statement("return ", &value, "");
            w.close("}");
        }
        let message = string_literal(&format!(
            "the value matches none of the alternatives of {name}"
        ));
        // Laid out as a call, so a long union name wraps the message as ktfmt does.
        let thrown = Expr::call(
            symbols.name("SerializationException"),
            vec![Expr::atom(message)],
        );
        w.statement("throw ", &thrown, "");
        w.close("}");
        w.line("");
        w.line(&format!(
            "override fun encode(value: {name}, json: {json}): {element} ="
        ));
        w.indent_by(1);
        w.open("when (value) {");
        for (variant, alternative) in variants.iter().zip(alternatives) {
            let serializer = types.serializer(&variant.ty, symbols);
            let (class, held) = match alternative {
                Alternative::Direct(target) => (self.plan.types[*target].clone(), "value"),
                Alternative::Wrapper(class) => (class.clone(), "value.value"),
            };
            let encoded = Expr::call(
                "json.encodeToJsonElement",
                vec![Expr::atom(serializer), Expr::atom(held)],
            );
            w.assign_with(&format!("is {class}"), "->", &encoded);
        }
        w.close("}");
        w.indent_by(-1);
        w.close("}");
        self.companion(w, id, symbols);
        w.close("}");
    }

    /// `Validator.validX(element)`: whether the alternative's yes/no validator accepts the
    /// whole value (with a fresh collector and dynamic scope where the function takes them).
    fn passes(&self, check: usize, symbols: &mut Symbols) -> Expr {
        let Some(program) = self.contracts.checks(self.module) else {
            return Expr::atom("false");
        };
        let here = self.here();
        let name = here.functions.get(check).cloned().unwrap_or_default();
        let function = format!("{}.{}", here.validator, super::checks::valid_name(&name));
        let mut args = vec![Expr::atom("element")];
        if program
            .functions
            .get(check)
            .is_some_and(|f| f.reports_annotations)
        {
            args.push(Expr::atom(format!("{}()", symbols.name("Evaluated"))));
        }
        if program.dynamic_scope {
            args.push(Expr::atom(format!("{}.ROOT", symbols.name("DynamicScope"))));
        }
        Expr::call(function, args)
    }

    /// ` : A, B` for the sealed interfaces type `id` is an alternative of.
    fn supertypes(&self, id: usize) -> String {
        let list: Vec<&str> = self.plan.supertypes[id]
            .iter()
            .map(|u| self.plan.types[*u].as_str())
            .collect();
        if list.is_empty() {
            String::new()
        } else {
            format!(" : {}", list.join(", "))
        }
    }

    /// `toJson()` and friends on an instance of the root type.
    fn instance_helpers(&self, w: &mut Writer, id: usize, symbols: &mut Symbols) {
        if !self.is_entry(id) {
            return;
        }
        let element = symbols.name("JsonElement");
        w.kdoc("This payload as JSON; throws `InvalidPayloadException` if it breaks the schema.");
        w.line(&format!(
            "fun toJsonElement(): {element} = Companion.toJsonElement(this)"
        ));
        w.line("");
        w.kdoc("This payload as compact JSON text.");
        w.line(&format!(
            "fun toJson(): {} = Companion.toJson(this)",
            symbols.name("String")
        ));
        w.line("");
        w.kdoc("This payload as the `JSONObject` that `HyperServices.process` takes.");
        w.line(&format!(
            "fun toJSONObject(): {} = Companion.toJSONObject(this)",
            symbols.name("JSONObject")
        ));
        w.line("");
    }

    /// The root type's companion: the message's `ContractMessage`.
    fn companion(&self, w: &mut Writer, id: usize, symbols: &mut Symbols) {
        self.companion_with(w, id, symbols, None);
    }

    /// The root type's companion, with `members` of the type's own after the entry's.
    fn companion_with(
        &self,
        w: &mut Writer,
        id: usize,
        symbols: &mut Symbols,
        members: Option<&dyn Fn(&mut Writer)>,
    ) {
        let Some(message) = self.message.filter(|_| self.is_entry(id)) else {
            return;
        };
        let name = &self.plan.types[id];
        w.blank();
        w.kdoc(&entry_doc(message));
        let supertype = contract_message_call(message, name, symbols);
        open_with_supertype(w, "companion object", &supertype);
        self.entry_members(w, name, "serializer()", true, symbols);
        if let Some(members) = members {
            w.line("");
            members(w);
        }
        w.close("}");
    }

    /// The `ContractMessage` members of a message's entry. In a companion (`jvm_static`), the
    /// validating and decoding members are redeclared `@JvmStatic`, so Java calls
    /// `Request.fromJson(text)` and `Request.validate(jsonObject)` on the class itself.
    fn entry_members(
        &self,
        w: &mut Writer,
        type_name: &str,
        serializer: &str,
        jvm_static: bool,
        symbols: &mut Symbols,
    ) {
        let ks = symbols.name("KSerializer");
        w.line(&format!("override val typeSerializer: {ks}<{type_name}>"));
        w.indent_by(1);
        w.line(&format!("get() = {serializer}"));
        w.indent_by(-1);
        let element = symbols.name("JsonElement");
        let errors = format!(
            "{}<{}>",
            symbols.name("List"),
            symbols.name("ValidationError")
        );
        let annotation = jvm_static.then(|| format!("@{}", symbols.name("JvmStatic")));
        w.line("");
        let body = Expr::call(
            format!("{}.validate", self.here().validator),
            vec![Expr::atom("element")],
        );
        annotated_function(
            w,
            annotation.as_deref(),
            &format!("override fun validate(element: {element}): {errors}"),
            &body,
        );
        // What `fromJson` validates its freshly read tree with: the reader has refused too deep
        // a value already, so the validator's depth walk is left out.
        w.line("");
        let read = Expr::call(
            format!("{}.validateRead", self.here().validator),
            vec![Expr::atom("element")],
        );
        w.assign(
            &format!("override fun validateRead(element: {element}): {errors}"),
            &read,
        );
        if !jvm_static {
            return;
        }
        let json_object = symbols.name("JSONObject");
        let string = symbols.name("String");
        let inherited = [
            ("validate", "json", string.as_str(), errors.as_str()),
            ("validate", "json", json_object.as_str(), errors.as_str()),
            ("fromJsonElement", "element", element.as_str(), type_name),
            ("fromJson", "json", string.as_str(), type_name),
            ("fromJSONObject", "json", json_object.as_str(), type_name),
        ];
        for (function, parameter, parameter_type, result) in inherited {
            w.line("");
            annotated_function(
                w,
                annotation.as_deref(),
                &format!("override fun {function}({parameter}: {parameter_type}): {result}"),
                &Expr::call(format!("super.{function}"), vec![Expr::atom(parameter)]),
            );
        }
    }
}

/// How a data class's `fromTree` reads one property from its member `local` (a
/// `JsonElement?`): strings and string booleans in place, a list item by item, anything else by
/// its serializer; `...OrNull` where the property may be absent or `null`.
fn tree_read(
    field: &Field,
    index: usize,
    reads: &str,
    types: &mut TypeRenderer,
    symbols: &mut Symbols,
) -> (Expr, Option<Expr>) {
    let mut ty = &field.ty;
    let mut nullable = !field.required;
    while let TypeRef::Nullable(inner) = ty {
        ty = inner;
        nullable = true;
    }
    let suffix = if nullable { "OrNull" } else { "" };
    let local = Expr::atom(format!("m{index}"));
    let (function, serializer) = match ty {
        TypeRef::String => {
            return (
                Expr::call(format!("{reads}.string{suffix}"), vec![local]),
                None,
            )
        }
        TypeRef::StringBool => {
            return (
                Expr::call(format!("{reads}.stringBool{suffix}"), vec![local]),
                None,
            )
        }
        TypeRef::Array(item) => ("list", types.serializer_expr(item, symbols)),
        other => ("decode", types.serializer_expr(other, symbols)),
    };
    // A class's, an enum's or a built-in's serializer is an object already; anything else is
    // built by a call, which the serializer holds (see `tree_reading`).
    let built = matches!(serializer, Expr::Call { .. }) || serializer.flat().ends_with(".nullable");
    let (argument, hoisted) = if built {
        (Expr::atom(format!("serializer{index}")), Some(serializer))
    } else {
        (serializer, None)
    };
    let read = Expr::call(
        format!("{reads}.{function}{suffix}"),
        vec![Expr::atom("json"), argument, local],
    );
    (read, hoisted)
}

/// `head value ?: fallback` as ktfmt lays it out: on one line when it fits, else broken after
/// `=`, then before `?:`.
fn elvis(w: &mut Writer, head: &str, value: &str, fallback: &str) {
    let indent = w.indent();
    let flat = format!("{head} {value} ?: {fallback}");
    if indent + width(&flat) <= WIDTH {
        w.line(&flat);
        return;
    }
    w.line(head);
    w.indent_by(1);
    let rest = format!("{value} ?: {fallback}");
    if w.indent() + width(&rest) <= WIDTH {
        w.line(&rest);
    } else {
        w.line(value);
        w.indent_by(1);
        w.line(&format!("?: {fallback}"));
        w.indent_by(-1);
    }
    w.indent_by(-1);
}

fn contract_message_call(message: &Message, type_name: &str, symbols: &mut Symbols) -> Expr {
    Expr::call(
        format!("{}<{type_name}>", symbols.name("ContractMessage")),
        vec![
            Expr::atom(string_literal(&message.contract)),
            Expr::atom(string_literal(&message.message)),
            Expr::atom(string_literal(&message.schema_file)),
        ],
    )
}

/// `head : Supertype(args) {` as ktfmt breaks it: after the colon first, the body one level in.
fn open_with_supertype(w: &mut Writer, head: &str, supertype: &Expr) {
    let flat = format!("{head} : {} {{", supertype.flat());
    if w.indent() + width(&flat) <= WIDTH {
        w.open(&flat);
    } else {
        w.line(&format!("{head} :"));
        w.indent_by(1);
        w.statement("", supertype, " {");
        w.indent_by(-1);
    }
}

/// The annotations (wire name, serializer) and the declaration (`val name: Type = default`, no
/// comma) of a struct's constructor property.
fn property(
    field: &Field,
    kotlin_name: &str,
    constant_default: bool,
    types: &mut TypeRenderer,
    symbols: &mut Symbols,
) -> (Vec<String>, String) {
    let mut annotations = vec![format!(
        "@{}({})",
        symbols.name("SerialName"),
        string_literal(&field.wire_name)
    )];
    annotations.extend(property_annotation(&field.ty, symbols));
    let ty = types.kotlin_type(&field.ty, symbols);
    // A typed constant (an enum of one value) defaults to that value, so no caller writes it.
    let constant = match &field.ty {
        TypeRef::Named(id) if field.required && constant_default => types
            .plan
            .variants
            .get(*id)
            .filter(|entries| entries.len() == 1)
            .and_then(|entries| entries.first()),
        _ => None,
    };
    let default = match (field.required, constant) {
        (true, Some(entry)) => format!(" = {ty}.{entry}"),
        (true, None) => String::new(),
        (false, _) => " = null".to_string(),
    };
    let ty = if field.required || ty.ends_with('?') {
        ty
    } else {
        format!("{ty}?")
    };
    (annotations, format!("val {kotlin_name}: {ty}{default}"))
}

/// `annotation fun ... = body` as ktfmt lays it out: all on one line when it fits, else the
/// annotation on a line of its own above the function, which is then laid out alone.
fn annotated_function(w: &mut Writer, annotation: Option<&str>, signature: &str, body: &Expr) {
    let Some(annotation) = annotation else {
        w.assign(signature, body);
        return;
    };
    let flat = format!("{annotation} {signature} = {}", body.flat());
    if w.indent() + width(&flat) <= WIDTH {
        w.line(&flat);
    } else {
        w.line(annotation);
        w.assign(signature, body);
    }
}

/// `annotations` and `declaration` on one line when they fit, else each on its own line.
fn annotated(w: &mut Writer, annotations: &[String], declaration: &str) {
    let flat = format!("{} {declaration}", annotations.join(" "));
    if w.indent() + width(&flat) <= WIDTH {
        w.line(&flat);
    } else {
        for annotation in annotations {
            w.line(annotation);
        }
        w.line(declaration);
    }
}

fn entry_doc(message: &Message) -> String {
    let what = message
        .title
        .clone()
        .unwrap_or_else(|| format!("{} {}", message.contract, message.message));
    format!(
        "{what}: validation and JSON conversion (`fromJson`, `fromJSONObject`, `toJsonElement`, ...), generated from `{}`.",
        message.schema_file
    )
}
