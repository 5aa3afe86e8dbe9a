{{ header }}{% if let Some(annotation) = file_annotation %}{{ annotation }}

{% endif %}package {{ package }}
{% if !imports.is_empty() %}
{% for import in imports %}import {{ import }}
{% endfor %}{% endif %}
{{ body }}
