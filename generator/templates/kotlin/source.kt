{{ header }}{% if !file_annotations.is_empty() %}{% for annotation in file_annotations %}{{ annotation }}
{% endfor %}
{% endif %}package {{ package }}
{% if !imports.is_empty() %}
{% for import in imports %}import {{ import }}
{% endfor %}{% endif %}
{{ body }}
