# Generated from briefing/schemas/*.schema.json by fastjsonschema 2.22.3 (`make schema-predicates`).
# Do not edit: briefing/schema.py makes it (`predicates_source`) and says why it exists.
# ruff: noqa
import re
from decimal import Decimal

SCHEMAS_DIGEST = '5a7741157af780c8'


class JsonSchemaValueException(ValueError):
    """The record is not valid (jsonschema then says why)."""


JsonSchemaValuesException = JsonSchemaValueException
NoneType = type(None)
REGEX_PATTERNS = {
    '^[a-z0-9]+(-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*\\Z'),
    '\\S': re.compile('\\S'),
    '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$': re.compile('^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\\Z'),
    '^https?://[^\\s/\\$.?#][^\\s]*$': re.compile('^https?://[^\\s/\\$.?#][^\\s]*\\Z'),
    '\\S\\?$': re.compile('\\S\\?\\Z'),
    '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$': re.compile('^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\\Z'),
    '^[0-9a-f]{64}$': re.compile('^[0-9a-f]{64}\\Z'),
    '^[A-Za-z0-9._-]+ [A-Za-z0-9.+_-]+$': re.compile('^[A-Za-z0-9._-]+ [A-Za-z0-9.+_-]+\\Z')
}


def validate_claim_rest(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'statement', 'kind', 'topics', 'entities', 'citations']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException
            if isinstance(data__id, str):
                data__id_len = len(data__id)
                if data__id_len > 120:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__id):
                    raise JsonSchemaValueException
        if "statement" in data_keys:
            data_keys.remove("statement")
            data__statement = data["statement"]
            if not isinstance(data__statement, (str)):
                raise JsonSchemaValueException
            if isinstance(data__statement, str):
                data__statement_len = len(data__statement)
                if data__statement_len < 1:
                    raise JsonSchemaValueException
                if data__statement_len > 1000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__statement):
                    raise JsonSchemaValueException
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'reported' or isinstance(data__kind, str) and data__kind == 'attributed' or isinstance(data__kind, str) and data__kind == 'speculation' or isinstance(data__kind, str) and data__kind == 'inference'):
                raise JsonSchemaValueException
        if "speaker" in data_keys:
            data_keys.remove("speaker")
            data__speaker = data["speaker"]
            if not isinstance(data__speaker, (str)):
                raise JsonSchemaValueException
            if isinstance(data__speaker, str):
                data__speaker_len = len(data__speaker)
                if data__speaker_len > 120:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__speaker):
                    raise JsonSchemaValueException
        if "relayed_by" in data_keys:
            data_keys.remove("relayed_by")
            data__relayedby = data["relayed_by"]
            if not isinstance(data__relayedby, (str)):
                raise JsonSchemaValueException
            if isinstance(data__relayedby, str):
                data__relayedby_len = len(data__relayedby)
                if data__relayedby_len > 120:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__relayedby):
                    raise JsonSchemaValueException
        if "topics" in data_keys:
            data_keys.remove("topics")
            data__topics = data["topics"]
            if not isinstance(data__topics, (list, tuple)):
                raise JsonSchemaValueException
            data__topics_is_list = isinstance(data__topics, (list, tuple))
            if data__topics_is_list:
                data__topics_len = len(data__topics)
                if data__topics_len < 1:
                    raise JsonSchemaValueException
                if data__topics_len > 1:
                    if all(type(x) is str for x in data__topics):
                        if data__topics_len > len(set(data__topics)):
                            raise JsonSchemaValueException
                    else:
                        if data__topics_is_list:
                            def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                            if data__topics_len > len(set(fn(data__topics_x) for data__topics_x in data__topics)):
                                raise JsonSchemaValueException
                for data__topics_x, data__topics_item in enumerate(data__topics):
                    if not isinstance(data__topics_item, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__topics_item, str):
                        data__topics_item_len = len(data__topics_item)
                        if data__topics_item_len > 120:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__topics_item):
                            raise JsonSchemaValueException
        if "entities" in data_keys:
            data_keys.remove("entities")
            data__entities = data["entities"]
            if not isinstance(data__entities, (list, tuple)):
                raise JsonSchemaValueException
            data__entities_is_list = isinstance(data__entities, (list, tuple))
            if data__entities_is_list:
                data__entities_len = len(data__entities)
                if data__entities_len < 0:
                    raise JsonSchemaValueException
                if data__entities_len > 1:
                    if all(type(x) is str for x in data__entities):
                        if data__entities_len > len(set(data__entities)):
                            raise JsonSchemaValueException
                    else:
                        if data__entities_is_list:
                            def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                            if data__entities_len > len(set(fn(data__entities_x) for data__entities_x in data__entities)):
                                raise JsonSchemaValueException
                for data__entities_x, data__entities_item in enumerate(data__entities):
                    if not isinstance(data__entities_item, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__entities_item, str):
                        data__entities_item_len = len(data__entities_item)
                        if data__entities_item_len > 120:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__entities_item):
                            raise JsonSchemaValueException
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            if not isinstance(data__date, (dict)):
                raise JsonSchemaValueException
            data__date_is_dict = isinstance(data__date, dict)
            if data__date_is_dict:
                if "resolved_from" in data__date:
                    if "basis" not in data__date:
                        raise JsonSchemaValueException
            data__date_any_of_count1 = 0
            if not data__date_any_of_count1:
                try:
                    data__date_is_dict = isinstance(data__date, dict)
                    if data__date_is_dict:
                        data__date__missing_keys = set(['value']) - data__date.keys()
                        if data__date__missing_keys:
                            raise JsonSchemaValueException
                    data__date_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__date_any_of_count1:
                try:
                    data__date_is_dict = isinstance(data__date, dict)
                    if data__date_is_dict:
                        data__date__missing_keys = set(['precision']) - data__date.keys()
                        if data__date__missing_keys:
                            raise JsonSchemaValueException
                        data__date_keys = set(data__date.keys())
                        if "precision" in data__date_keys:
                            data__date_keys.remove("precision")
                            data__date__precision = data__date["precision"]
                            if not (isinstance(data__date__precision, str) and data__date__precision == 'unknown'):
                                raise JsonSchemaValueException
                    data__date_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__date_any_of_count1:
                raise JsonSchemaValueException
            data__date_is_dict = isinstance(data__date, dict)
            if data__date_is_dict:
                data__date__missing_keys = set(['precision']) - data__date.keys()
                if data__date__missing_keys:
                    raise JsonSchemaValueException
                data__date_keys = set(data__date.keys())
                if "value" in data__date_keys:
                    data__date_keys.remove("value")
                    data__date__value = data__date["value"]
                    if not isinstance(data__date__value, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__date__value, str):
                        if not REGEX_PATTERNS['^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'].search(data__date__value):
                            raise JsonSchemaValueException
                if "end" in data__date_keys:
                    data__date_keys.remove("end")
                    data__date__end = data__date["end"]
                    if not isinstance(data__date__end, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__date__end, str):
                        if not REGEX_PATTERNS['^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'].search(data__date__end):
                            raise JsonSchemaValueException
                if "precision" in data__date_keys:
                    data__date_keys.remove("precision")
                    data__date__precision = data__date["precision"]
                    if not (isinstance(data__date__precision, str) and data__date__precision == 'day' or isinstance(data__date__precision, str) and data__date__precision == 'month' or isinstance(data__date__precision, str) and data__date__precision == 'year' or isinstance(data__date__precision, str) and data__date__precision == 'decade' or isinstance(data__date__precision, str) and data__date__precision == 'unknown'):
                        raise JsonSchemaValueException
                if "resolved_from" in data__date_keys:
                    data__date_keys.remove("resolved_from")
                    data__date__resolvedfrom = data__date["resolved_from"]
                    if not isinstance(data__date__resolvedfrom, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__date__resolvedfrom, str):
                        data__date__resolvedfrom_len = len(data__date__resolvedfrom)
                        if data__date__resolvedfrom_len < 1:
                            raise JsonSchemaValueException
                        if data__date__resolvedfrom_len > 200:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__date__resolvedfrom):
                            raise JsonSchemaValueException
                if "basis" in data__date_keys:
                    data__date_keys.remove("basis")
                    data__date__basis = data__date["basis"]
                    if not isinstance(data__date__basis, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__date__basis, str):
                        data__date__basis_len = len(data__date__basis)
                        if data__date__basis_len < 1:
                            raise JsonSchemaValueException
                        if data__date__basis_len > 2000:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__date__basis):
                            raise JsonSchemaValueException
                if "note" in data__date_keys:
                    data__date_keys.remove("note")
                    data__date__note = data__date["note"]
                    if not isinstance(data__date__note, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__date__note, str):
                        data__date__note_len = len(data__date__note)
                        if data__date__note_len < 1:
                            raise JsonSchemaValueException
                        if data__date__note_len > 1000:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__date__note):
                            raise JsonSchemaValueException
                if data__date_keys:
                    raise JsonSchemaValueException
        if "citations" in data_keys:
            data_keys.remove("citations")
            data__citations = data["citations"]
            if not isinstance(data__citations, (list, tuple)):
                raise JsonSchemaValueException
            data__citations_is_list = isinstance(data__citations, (list, tuple))
            if data__citations_is_list:
                data__citations_len = len(data__citations)
                if data__citations_len < 1:
                    raise JsonSchemaValueException
                if data__citations_len > 20:
                    raise JsonSchemaValueException
                for data__citations_x, data__citations_item in enumerate(data__citations):
                    if not isinstance(data__citations_item, (dict)):
                        raise JsonSchemaValueException
                    data__citations_item_is_dict = isinstance(data__citations_item, dict)
                    if data__citations_item_is_dict:
                        data__citations_item__missing_keys = set(['source', 'quote']) - data__citations_item.keys()
                        if data__citations_item__missing_keys:
                            raise JsonSchemaValueException
                        data__citations_item_keys = set(data__citations_item.keys())
                        if "source" in data__citations_item_keys:
                            data__citations_item_keys.remove("source")
                            data__citations_item__source = data__citations_item["source"]
                            if not isinstance(data__citations_item__source, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__source, str):
                                data__citations_item__source_len = len(data__citations_item__source)
                                if data__citations_item__source_len > 120:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__citations_item__source):
                                    raise JsonSchemaValueException
                        if "quote" in data__citations_item_keys:
                            data__citations_item_keys.remove("quote")
                            data__citations_item__quote = data__citations_item["quote"]
                            if not isinstance(data__citations_item__quote, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__quote, str):
                                data__citations_item__quote_len = len(data__citations_item__quote)
                                if data__citations_item__quote_len < 1:
                                    raise JsonSchemaValueException
                                if data__citations_item__quote_len > 2000:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__citations_item__quote):
                                    raise JsonSchemaValueException
                        if "prefix" in data__citations_item_keys:
                            data__citations_item_keys.remove("prefix")
                            data__citations_item__prefix = data__citations_item["prefix"]
                            if not isinstance(data__citations_item__prefix, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__prefix, str):
                                data__citations_item__prefix_len = len(data__citations_item__prefix)
                                if data__citations_item__prefix_len < 1:
                                    raise JsonSchemaValueException
                                if data__citations_item__prefix_len > 200:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__citations_item__prefix):
                                    raise JsonSchemaValueException
                        if "suffix" in data__citations_item_keys:
                            data__citations_item_keys.remove("suffix")
                            data__citations_item__suffix = data__citations_item["suffix"]
                            if not isinstance(data__citations_item__suffix, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__suffix, str):
                                data__citations_item__suffix_len = len(data__citations_item__suffix)
                                if data__citations_item__suffix_len < 1:
                                    raise JsonSchemaValueException
                                if data__citations_item__suffix_len > 200:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__citations_item__suffix):
                                    raise JsonSchemaValueException
                        if "occurrence" in data__citations_item_keys:
                            data__citations_item_keys.remove("occurrence")
                            data__citations_item__occurrence = data__citations_item["occurrence"]
                            if not isinstance(data__citations_item__occurrence, (int)) and not (isinstance(data__citations_item__occurrence, float) and data__citations_item__occurrence.is_integer()) or isinstance(data__citations_item__occurrence, bool):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__occurrence, (int, float, Decimal)) and not isinstance(data__citations_item__occurrence, bool):
                                if data__citations_item__occurrence < 1:
                                    raise JsonSchemaValueException
                        if data__citations_item_keys:
                            raise JsonSchemaValueException
        if "based_on" in data_keys:
            data_keys.remove("based_on")
            data__basedon = data["based_on"]
            if not isinstance(data__basedon, (list, tuple)):
                raise JsonSchemaValueException
            data__basedon_is_list = isinstance(data__basedon, (list, tuple))
            if data__basedon_is_list:
                data__basedon_len = len(data__basedon)
                if data__basedon_len < 1:
                    raise JsonSchemaValueException
                if data__basedon_len > 1:
                    if all(type(x) is str for x in data__basedon):
                        if data__basedon_len > len(set(data__basedon)):
                            raise JsonSchemaValueException
                    else:
                        if data__basedon_is_list:
                            def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                            if data__basedon_len > len(set(fn(data__basedon_x) for data__basedon_x in data__basedon)):
                                raise JsonSchemaValueException
                for data__basedon_x, data__basedon_item in enumerate(data__basedon):
                    if not isinstance(data__basedon_item, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__basedon_item, str):
                        data__basedon_item_len = len(data__basedon_item)
                        if data__basedon_item_len > 120:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__basedon_item):
                            raise JsonSchemaValueException
        if "basis" in data_keys:
            data_keys.remove("basis")
            data__basis = data["basis"]
            if not isinstance(data__basis, (str)):
                raise JsonSchemaValueException
            if isinstance(data__basis, str):
                data__basis_len = len(data__basis)
                if data__basis_len < 1:
                    raise JsonSchemaValueException
                if data__basis_len > 2000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__basis):
                    raise JsonSchemaValueException
        if "note" in data_keys:
            data_keys.remove("note")
            data__note = data["note"]
            if not isinstance(data__note, (str)):
                raise JsonSchemaValueException
            if isinstance(data__note, str):
                data__note_len = len(data__note)
                if data__note_len < 1:
                    raise JsonSchemaValueException
                if data__note_len > 2000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__note):
                    raise JsonSchemaValueException
        if "negation_differs" in data_keys:
            data_keys.remove("negation_differs")
            data__negationdiffers = data["negation_differs"]
            if not isinstance(data__negationdiffers, (str)):
                raise JsonSchemaValueException
            if isinstance(data__negationdiffers, str):
                data__negationdiffers_len = len(data__negationdiffers)
                if data__negationdiffers_len < 1:
                    raise JsonSchemaValueException
                if data__negationdiffers_len > 1000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__negationdiffers):
                    raise JsonSchemaValueException
        if "modality_differs" in data_keys:
            data_keys.remove("modality_differs")
            data__modalitydiffers = data["modality_differs"]
            if not isinstance(data__modalitydiffers, (str)):
                raise JsonSchemaValueException
            if isinstance(data__modalitydiffers, str):
                data__modalitydiffers_len = len(data__modalitydiffers)
                if data__modalitydiffers_len < 1:
                    raise JsonSchemaValueException
                if data__modalitydiffers_len > 1000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__modalitydiffers):
                    raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data


def validate_claim_kind0(data, custom_formats={}, name_prefix=None):
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['speaker']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "based_on" in data_keys:
            data_keys.remove("based_on")
            data__basedon = data["based_on"]
            raise JsonSchemaValueException
        if "basis" in data_keys:
            data_keys.remove("basis")
            data__basis = data["basis"]
            raise JsonSchemaValueException
    return data


def validate_claim_kind1(data, custom_formats={}, name_prefix=None):
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "speaker" in data_keys:
            data_keys.remove("speaker")
            data__speaker = data["speaker"]
            raise JsonSchemaValueException
        if "relayed_by" in data_keys:
            data_keys.remove("relayed_by")
            data__relayedby = data["relayed_by"]
            raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['based_on', 'basis']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
    return data


def validate_claim_kind2(data, custom_formats={}, name_prefix=None):
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "speaker" in data_keys:
            data_keys.remove("speaker")
            data__speaker = data["speaker"]
            raise JsonSchemaValueException
        if "relayed_by" in data_keys:
            data_keys.remove("relayed_by")
            data__relayedby = data["relayed_by"]
            raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "based_on" in data_keys:
            data_keys.remove("based_on")
            data__basedon = data["based_on"]
            raise JsonSchemaValueException
        if "basis" in data_keys:
            data_keys.remove("basis")
            data__basis = data["basis"]
            raise JsonSchemaValueException
    return data


def validate_claim_kind3(data, custom_formats={}, name_prefix=None):
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "speaker" in data_keys:
            data_keys.remove("speaker")
            data__speaker = data["speaker"]
            raise JsonSchemaValueException
        if "relayed_by" in data_keys:
            data_keys.remove("relayed_by")
            data__relayedby = data["relayed_by"]
            raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "based_on" in data_keys:
            data_keys.remove("based_on")
            data__basedon = data["based_on"]
            raise JsonSchemaValueException
        if "basis" in data_keys:
            data_keys.remove("basis")
            data__basis = data["basis"]
            raise JsonSchemaValueException
    return data


def validate_entity(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'name', 'type']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException
            if isinstance(data__id, str):
                data__id_len = len(data__id)
                if data__id_len > 120:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__id):
                    raise JsonSchemaValueException
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 1:
                    raise JsonSchemaValueException
                if data__name_len > 200:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__name):
                    raise JsonSchemaValueException
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not (isinstance(data__type, str) and data__type == 'person' or isinstance(data__type, str) and data__type == 'organisation' or isinstance(data__type, str) and data__type == 'country' or isinstance(data__type, str) and data__type == 'rocket' or isinstance(data__type, str) and data__type == 'engine' or isinstance(data__type, str) and data__type == 'programme' or isinstance(data__type, str) and data__type == 'system' or isinstance(data__type, str) and data__type == 'spacecraft' or isinstance(data__type, str) and data__type == 'event' or isinstance(data__type, str) and data__type == 'place' or isinstance(data__type, str) and data__type == 'period' or isinstance(data__type, str) and data__type == 'publication'):
                raise JsonSchemaValueException
        if "aliases" in data_keys:
            data_keys.remove("aliases")
            data__aliases = data["aliases"]
            if not isinstance(data__aliases, (list, tuple)):
                raise JsonSchemaValueException
            data__aliases_is_list = isinstance(data__aliases, (list, tuple))
            if data__aliases_is_list:
                data__aliases_len = len(data__aliases)
                if data__aliases_len > 1:
                    if all(type(x) is str for x in data__aliases):
                        if data__aliases_len > len(set(data__aliases)):
                            raise JsonSchemaValueException
                    else:
                        if data__aliases_is_list:
                            def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                            if data__aliases_len > len(set(fn(data__aliases_x) for data__aliases_x in data__aliases)):
                                raise JsonSchemaValueException
                for data__aliases_x, data__aliases_item in enumerate(data__aliases):
                    if not isinstance(data__aliases_item, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__aliases_item, str):
                        data__aliases_item_len = len(data__aliases_item)
                        if data__aliases_item_len < 1:
                            raise JsonSchemaValueException
                        if data__aliases_item_len > 200:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__aliases_item):
                            raise JsonSchemaValueException
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException
            if isinstance(data__description, str):
                data__description_len = len(data__description)
                if data__description_len < 1:
                    raise JsonSchemaValueException
                if data__description_len > 1000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__description):
                    raise JsonSchemaValueException
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            if not isinstance(data__url, (str)):
                raise JsonSchemaValueException
            if isinstance(data__url, str):
                data__url_len = len(data__url)
                if data__url_len > 2000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^https?://[^\\s/\\$.?#][^\\s]*$'].search(data__url):
                    raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data


def validate_topic(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'name', 'description']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException
            if isinstance(data__id, str):
                data__id_len = len(data__id)
                if data__id_len > 120:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__id):
                    raise JsonSchemaValueException
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException
            if isinstance(data__name, str):
                data__name_len = len(data__name)
                if data__name_len < 1:
                    raise JsonSchemaValueException
                if data__name_len > 200:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__name):
                    raise JsonSchemaValueException
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException
            if isinstance(data__description, str):
                data__description_len = len(data__description)
                if data__description_len < 1:
                    raise JsonSchemaValueException
                if data__description_len > 1000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__description):
                    raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data


def validate_judgment_rest(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'kind', 'statement', 'rests_on', 'reasoning']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException
            if isinstance(data__id, str):
                data__id_len = len(data__id)
                if data__id_len > 120:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__id):
                    raise JsonSchemaValueException
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'finding' or isinstance(data__kind, str) and data__kind == 'assessment'):
                raise JsonSchemaValueException
        if "statement" in data_keys:
            data_keys.remove("statement")
            data__statement = data["statement"]
            if not isinstance(data__statement, (str)):
                raise JsonSchemaValueException
            if isinstance(data__statement, str):
                data__statement_len = len(data__statement)
                if data__statement_len < 1:
                    raise JsonSchemaValueException
                if data__statement_len > 1000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__statement):
                    raise JsonSchemaValueException
        if "question" in data_keys:
            data_keys.remove("question")
            data__question = data["question"]
            if not isinstance(data__question, (str)):
                raise JsonSchemaValueException
            if isinstance(data__question, str):
                data__question_len = len(data__question)
                if data__question_len < 1:
                    raise JsonSchemaValueException
                if data__question_len > 300:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S\\?$'].search(data__question):
                    raise JsonSchemaValueException
        if "likelihood" in data_keys:
            data_keys.remove("likelihood")
            data__likelihood = data["likelihood"]
            if not (isinstance(data__likelihood, str) and data__likelihood == 'almost-no-chance' or isinstance(data__likelihood, str) and data__likelihood == 'very-unlikely' or isinstance(data__likelihood, str) and data__likelihood == 'unlikely' or isinstance(data__likelihood, str) and data__likelihood == 'roughly-even-chance' or isinstance(data__likelihood, str) and data__likelihood == 'likely' or isinstance(data__likelihood, str) and data__likelihood == 'very-likely' or isinstance(data__likelihood, str) and data__likelihood == 'almost-certain' or isinstance(data__likelihood, str) and data__likelihood == 'cannot-assess'):
                raise JsonSchemaValueException
        if "confidence" in data_keys:
            data_keys.remove("confidence")
            data__confidence = data["confidence"]
            if not (isinstance(data__confidence, str) and data__confidence == 'low' or isinstance(data__confidence, str) and data__confidence == 'moderate' or isinstance(data__confidence, str) and data__confidence == 'high'):
                raise JsonSchemaValueException
        if "confidence_reason" in data_keys:
            data_keys.remove("confidence_reason")
            data__confidencereason = data["confidence_reason"]
            if not isinstance(data__confidencereason, (str)):
                raise JsonSchemaValueException
            if isinstance(data__confidencereason, str):
                data__confidencereason_len = len(data__confidencereason)
                if data__confidencereason_len < 1:
                    raise JsonSchemaValueException
                if data__confidencereason_len > 500:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__confidencereason):
                    raise JsonSchemaValueException
        if "rests_on" in data_keys:
            data_keys.remove("rests_on")
            data__restson = data["rests_on"]
            if not isinstance(data__restson, (list, tuple)):
                raise JsonSchemaValueException
            data__restson_is_list = isinstance(data__restson, (list, tuple))
            if data__restson_is_list:
                data__restson_len = len(data__restson)
                if data__restson_len < 1:
                    raise JsonSchemaValueException
                if data__restson_len > 1:
                    if all(type(x) is str for x in data__restson):
                        if data__restson_len > len(set(data__restson)):
                            raise JsonSchemaValueException
                    else:
                        if data__restson_is_list:
                            def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                            if data__restson_len > len(set(fn(data__restson_x) for data__restson_x in data__restson)):
                                raise JsonSchemaValueException
                for data__restson_x, data__restson_item in enumerate(data__restson):
                    if not isinstance(data__restson_item, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__restson_item, str):
                        data__restson_item_len = len(data__restson_item)
                        if data__restson_item_len > 120:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__restson_item):
                            raise JsonSchemaValueException
        if "reasoning" in data_keys:
            data_keys.remove("reasoning")
            data__reasoning = data["reasoning"]
            if not isinstance(data__reasoning, (str)):
                raise JsonSchemaValueException
            if isinstance(data__reasoning, str):
                data__reasoning_len = len(data__reasoning)
                if data__reasoning_len < 1:
                    raise JsonSchemaValueException
                if data__reasoning_len > 2000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__reasoning):
                    raise JsonSchemaValueException
        if "order" in data_keys:
            data_keys.remove("order")
            data__order = data["order"]
            if not isinstance(data__order, (int)) and not (isinstance(data__order, float) and data__order.is_integer()) or isinstance(data__order, bool):
                raise JsonSchemaValueException
            if isinstance(data__order, (int, float, Decimal)) and not isinstance(data__order, bool):
                if data__order < 0:
                    raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data


def validate_judgment_kind0(data, custom_formats={}, name_prefix=None):
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['question', 'likelihood', 'confidence', 'confidence_reason']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
    return data


def validate_judgment_kind1(data, custom_formats={}, name_prefix=None):
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "question" in data_keys:
            data_keys.remove("question")
            data__question = data["question"]
            raise JsonSchemaValueException
        if "likelihood" in data_keys:
            data_keys.remove("likelihood")
            data__likelihood = data["likelihood"]
            raise JsonSchemaValueException
        if "confidence" in data_keys:
            data_keys.remove("confidence")
            data__confidence = data["confidence"]
            raise JsonSchemaValueException
        if "confidence_reason" in data_keys:
            data_keys.remove("confidence_reason")
            data__confidencereason = data["confidence_reason"]
            raise JsonSchemaValueException
    return data


def validate_question(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'question', 'citations', 'discussion']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException
            if isinstance(data__id, str):
                data__id_len = len(data__id)
                if data__id_len > 120:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__id):
                    raise JsonSchemaValueException
        if "question" in data_keys:
            data_keys.remove("question")
            data__question = data["question"]
            if not isinstance(data__question, (str)):
                raise JsonSchemaValueException
            if isinstance(data__question, str):
                data__question_len = len(data__question)
                if data__question_len < 1:
                    raise JsonSchemaValueException
                if data__question_len > 500:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__question):
                    raise JsonSchemaValueException
        if "citations" in data_keys:
            data_keys.remove("citations")
            data__citations = data["citations"]
            if not isinstance(data__citations, (list, tuple)):
                raise JsonSchemaValueException
            data__citations_is_list = isinstance(data__citations, (list, tuple))
            if data__citations_is_list:
                data__citations_len = len(data__citations)
                if data__citations_len < 1:
                    raise JsonSchemaValueException
                if data__citations_len > 10:
                    raise JsonSchemaValueException
                for data__citations_x, data__citations_item in enumerate(data__citations):
                    if not isinstance(data__citations_item, (dict)):
                        raise JsonSchemaValueException
                    data__citations_item_is_dict = isinstance(data__citations_item, dict)
                    if data__citations_item_is_dict:
                        data__citations_item__missing_keys = set(['source', 'quote']) - data__citations_item.keys()
                        if data__citations_item__missing_keys:
                            raise JsonSchemaValueException
                        data__citations_item_keys = set(data__citations_item.keys())
                        if "source" in data__citations_item_keys:
                            data__citations_item_keys.remove("source")
                            data__citations_item__source = data__citations_item["source"]
                            if not isinstance(data__citations_item__source, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__source, str):
                                data__citations_item__source_len = len(data__citations_item__source)
                                if data__citations_item__source_len > 120:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__citations_item__source):
                                    raise JsonSchemaValueException
                        if "quote" in data__citations_item_keys:
                            data__citations_item_keys.remove("quote")
                            data__citations_item__quote = data__citations_item["quote"]
                            if not isinstance(data__citations_item__quote, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__quote, str):
                                data__citations_item__quote_len = len(data__citations_item__quote)
                                if data__citations_item__quote_len < 1:
                                    raise JsonSchemaValueException
                                if data__citations_item__quote_len > 2000:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__citations_item__quote):
                                    raise JsonSchemaValueException
                        if "prefix" in data__citations_item_keys:
                            data__citations_item_keys.remove("prefix")
                            data__citations_item__prefix = data__citations_item["prefix"]
                            if not isinstance(data__citations_item__prefix, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__prefix, str):
                                data__citations_item__prefix_len = len(data__citations_item__prefix)
                                if data__citations_item__prefix_len < 1:
                                    raise JsonSchemaValueException
                                if data__citations_item__prefix_len > 200:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__citations_item__prefix):
                                    raise JsonSchemaValueException
                        if "suffix" in data__citations_item_keys:
                            data__citations_item_keys.remove("suffix")
                            data__citations_item__suffix = data__citations_item["suffix"]
                            if not isinstance(data__citations_item__suffix, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__suffix, str):
                                data__citations_item__suffix_len = len(data__citations_item__suffix)
                                if data__citations_item__suffix_len < 1:
                                    raise JsonSchemaValueException
                                if data__citations_item__suffix_len > 200:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__citations_item__suffix):
                                    raise JsonSchemaValueException
                        if "occurrence" in data__citations_item_keys:
                            data__citations_item_keys.remove("occurrence")
                            data__citations_item__occurrence = data__citations_item["occurrence"]
                            if not isinstance(data__citations_item__occurrence, (int)) and not (isinstance(data__citations_item__occurrence, float) and data__citations_item__occurrence.is_integer()) or isinstance(data__citations_item__occurrence, bool):
                                raise JsonSchemaValueException
                            if isinstance(data__citations_item__occurrence, (int, float, Decimal)) and not isinstance(data__citations_item__occurrence, bool):
                                if data__citations_item__occurrence < 1:
                                    raise JsonSchemaValueException
                        if data__citations_item_keys:
                            raise JsonSchemaValueException
        if "discussion" in data_keys:
            data_keys.remove("discussion")
            data__discussion = data["discussion"]
            if not isinstance(data__discussion, (str)):
                raise JsonSchemaValueException
            if isinstance(data__discussion, str):
                data__discussion_len = len(data__discussion)
                if data__discussion_len < 1:
                    raise JsonSchemaValueException
                if data__discussion_len > 3000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__discussion):
                    raise JsonSchemaValueException
        if "related_claims" in data_keys:
            data_keys.remove("related_claims")
            data__relatedclaims = data["related_claims"]
            if not isinstance(data__relatedclaims, (list, tuple)):
                raise JsonSchemaValueException
            data__relatedclaims_is_list = isinstance(data__relatedclaims, (list, tuple))
            if data__relatedclaims_is_list:
                data__relatedclaims_len = len(data__relatedclaims)
                if data__relatedclaims_len < 0:
                    raise JsonSchemaValueException
                if data__relatedclaims_len > 1:
                    if all(type(x) is str for x in data__relatedclaims):
                        if data__relatedclaims_len > len(set(data__relatedclaims)):
                            raise JsonSchemaValueException
                    else:
                        if data__relatedclaims_is_list:
                            def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                            if data__relatedclaims_len > len(set(fn(data__relatedclaims_x) for data__relatedclaims_x in data__relatedclaims)):
                                raise JsonSchemaValueException
                for data__relatedclaims_x, data__relatedclaims_item in enumerate(data__relatedclaims):
                    if not isinstance(data__relatedclaims_item, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__relatedclaims_item, str):
                        data__relatedclaims_item_len = len(data__relatedclaims_item)
                        if data__relatedclaims_item_len > 120:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__relatedclaims_item):
                            raise JsonSchemaValueException
        if "order" in data_keys:
            data_keys.remove("order")
            data__order = data["order"]
            if not isinstance(data__order, (int)) and not (isinstance(data__order, float) and data__order.is_integer()) or isinstance(data__order, bool):
                raise JsonSchemaValueException
            if isinstance(data__order, (int, float, Decimal)) and not isinstance(data__order, bool):
                if data__order < 0:
                    raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data


def validate_source(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'title', 'publisher', 'url', 'language', 'published', 'retrieved', 'sha256']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException
            if isinstance(data__id, str):
                data__id_len = len(data__id)
                if data__id_len > 120:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__id):
                    raise JsonSchemaValueException
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException
            if isinstance(data__title, str):
                data__title_len = len(data__title)
                if data__title_len < 1:
                    raise JsonSchemaValueException
                if data__title_len > 300:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__title):
                    raise JsonSchemaValueException
        if "title_note" in data_keys:
            data_keys.remove("title_note")
            data__titlenote = data["title_note"]
            if not isinstance(data__titlenote, (str)):
                raise JsonSchemaValueException
            if isinstance(data__titlenote, str):
                data__titlenote_len = len(data__titlenote)
                if data__titlenote_len < 1:
                    raise JsonSchemaValueException
                if data__titlenote_len > 1000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__titlenote):
                    raise JsonSchemaValueException
        if "publisher" in data_keys:
            data_keys.remove("publisher")
            data__publisher = data["publisher"]
            if not isinstance(data__publisher, (str)):
                raise JsonSchemaValueException
            if isinstance(data__publisher, str):
                data__publisher_len = len(data__publisher)
                if data__publisher_len < 1:
                    raise JsonSchemaValueException
                if data__publisher_len > 200:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__publisher):
                    raise JsonSchemaValueException
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            if not isinstance(data__url, (str)):
                raise JsonSchemaValueException
            if isinstance(data__url, str):
                data__url_len = len(data__url)
                if data__url_len > 2000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['^https?://[^\\s/\\$.?#][^\\s]*$'].search(data__url):
                    raise JsonSchemaValueException
        if "language" in data_keys:
            data_keys.remove("language")
            data__language = data["language"]
            if not isinstance(data__language, (str)):
                raise JsonSchemaValueException
            if isinstance(data__language, str):
                if not REGEX_PATTERNS['^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'].search(data__language):
                    raise JsonSchemaValueException
        if "published" in data_keys:
            data_keys.remove("published")
            data__published = data["published"]
            if not isinstance(data__published, (dict)):
                raise JsonSchemaValueException
            data__published_is_dict = isinstance(data__published, dict)
            if data__published_is_dict:
                if "resolved_from" in data__published:
                    if "basis" not in data__published:
                        raise JsonSchemaValueException
            data__published_any_of_count1 = 0
            if not data__published_any_of_count1:
                try:
                    data__published_is_dict = isinstance(data__published, dict)
                    if data__published_is_dict:
                        data__published__missing_keys = set(['value']) - data__published.keys()
                        if data__published__missing_keys:
                            raise JsonSchemaValueException
                    data__published_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__published_any_of_count1:
                try:
                    data__published_is_dict = isinstance(data__published, dict)
                    if data__published_is_dict:
                        data__published__missing_keys = set(['precision']) - data__published.keys()
                        if data__published__missing_keys:
                            raise JsonSchemaValueException
                        data__published_keys = set(data__published.keys())
                        if "precision" in data__published_keys:
                            data__published_keys.remove("precision")
                            data__published__precision = data__published["precision"]
                            if not (isinstance(data__published__precision, str) and data__published__precision == 'unknown'):
                                raise JsonSchemaValueException
                    data__published_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__published_any_of_count1:
                raise JsonSchemaValueException
            data__published_is_dict = isinstance(data__published, dict)
            if data__published_is_dict:
                data__published__missing_keys = set(['precision']) - data__published.keys()
                if data__published__missing_keys:
                    raise JsonSchemaValueException
                data__published_keys = set(data__published.keys())
                if "value" in data__published_keys:
                    data__published_keys.remove("value")
                    data__published__value = data__published["value"]
                    if not isinstance(data__published__value, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__published__value, str):
                        if not REGEX_PATTERNS['^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'].search(data__published__value):
                            raise JsonSchemaValueException
                if "end" in data__published_keys:
                    data__published_keys.remove("end")
                    data__published__end = data__published["end"]
                    if not isinstance(data__published__end, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__published__end, str):
                        if not REGEX_PATTERNS['^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'].search(data__published__end):
                            raise JsonSchemaValueException
                if "precision" in data__published_keys:
                    data__published_keys.remove("precision")
                    data__published__precision = data__published["precision"]
                    if not (isinstance(data__published__precision, str) and data__published__precision == 'day' or isinstance(data__published__precision, str) and data__published__precision == 'month' or isinstance(data__published__precision, str) and data__published__precision == 'year' or isinstance(data__published__precision, str) and data__published__precision == 'decade' or isinstance(data__published__precision, str) and data__published__precision == 'unknown'):
                        raise JsonSchemaValueException
                if "resolved_from" in data__published_keys:
                    data__published_keys.remove("resolved_from")
                    data__published__resolvedfrom = data__published["resolved_from"]
                    if not isinstance(data__published__resolvedfrom, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__published__resolvedfrom, str):
                        data__published__resolvedfrom_len = len(data__published__resolvedfrom)
                        if data__published__resolvedfrom_len < 1:
                            raise JsonSchemaValueException
                        if data__published__resolvedfrom_len > 200:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__published__resolvedfrom):
                            raise JsonSchemaValueException
                if "basis" in data__published_keys:
                    data__published_keys.remove("basis")
                    data__published__basis = data__published["basis"]
                    if not isinstance(data__published__basis, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__published__basis, str):
                        data__published__basis_len = len(data__published__basis)
                        if data__published__basis_len < 1:
                            raise JsonSchemaValueException
                        if data__published__basis_len > 2000:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__published__basis):
                            raise JsonSchemaValueException
                if "note" in data__published_keys:
                    data__published_keys.remove("note")
                    data__published__note = data__published["note"]
                    if not isinstance(data__published__note, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__published__note, str):
                        data__published__note_len = len(data__published__note)
                        if data__published__note_len < 1:
                            raise JsonSchemaValueException
                        if data__published__note_len > 1000:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__published__note):
                            raise JsonSchemaValueException
                if data__published_keys:
                    raise JsonSchemaValueException
        if "retrieved" in data_keys:
            data_keys.remove("retrieved")
            data__retrieved = data["retrieved"]
            if not isinstance(data__retrieved, (dict)):
                raise JsonSchemaValueException
            data__retrieved_is_dict = isinstance(data__retrieved, dict)
            if data__retrieved_is_dict:
                if "resolved_from" in data__retrieved:
                    if "basis" not in data__retrieved:
                        raise JsonSchemaValueException
            data__retrieved_any_of_count2 = 0
            if not data__retrieved_any_of_count2:
                try:
                    data__retrieved_is_dict = isinstance(data__retrieved, dict)
                    if data__retrieved_is_dict:
                        data__retrieved__missing_keys = set(['value']) - data__retrieved.keys()
                        if data__retrieved__missing_keys:
                            raise JsonSchemaValueException
                    data__retrieved_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__retrieved_any_of_count2:
                try:
                    data__retrieved_is_dict = isinstance(data__retrieved, dict)
                    if data__retrieved_is_dict:
                        data__retrieved__missing_keys = set(['precision']) - data__retrieved.keys()
                        if data__retrieved__missing_keys:
                            raise JsonSchemaValueException
                        data__retrieved_keys = set(data__retrieved.keys())
                        if "precision" in data__retrieved_keys:
                            data__retrieved_keys.remove("precision")
                            data__retrieved__precision = data__retrieved["precision"]
                            if not (isinstance(data__retrieved__precision, str) and data__retrieved__precision == 'unknown'):
                                raise JsonSchemaValueException
                    data__retrieved_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__retrieved_any_of_count2:
                raise JsonSchemaValueException
            data__retrieved_is_dict = isinstance(data__retrieved, dict)
            if data__retrieved_is_dict:
                data__retrieved__missing_keys = set(['precision']) - data__retrieved.keys()
                if data__retrieved__missing_keys:
                    raise JsonSchemaValueException
                data__retrieved_keys = set(data__retrieved.keys())
                if "value" in data__retrieved_keys:
                    data__retrieved_keys.remove("value")
                    data__retrieved__value = data__retrieved["value"]
                    if not isinstance(data__retrieved__value, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__retrieved__value, str):
                        if not REGEX_PATTERNS['^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'].search(data__retrieved__value):
                            raise JsonSchemaValueException
                if "end" in data__retrieved_keys:
                    data__retrieved_keys.remove("end")
                    data__retrieved__end = data__retrieved["end"]
                    if not isinstance(data__retrieved__end, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__retrieved__end, str):
                        if not REGEX_PATTERNS['^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'].search(data__retrieved__end):
                            raise JsonSchemaValueException
                if "precision" in data__retrieved_keys:
                    data__retrieved_keys.remove("precision")
                    data__retrieved__precision = data__retrieved["precision"]
                    if not (isinstance(data__retrieved__precision, str) and data__retrieved__precision == 'day' or isinstance(data__retrieved__precision, str) and data__retrieved__precision == 'month' or isinstance(data__retrieved__precision, str) and data__retrieved__precision == 'year' or isinstance(data__retrieved__precision, str) and data__retrieved__precision == 'decade' or isinstance(data__retrieved__precision, str) and data__retrieved__precision == 'unknown'):
                        raise JsonSchemaValueException
                if "resolved_from" in data__retrieved_keys:
                    data__retrieved_keys.remove("resolved_from")
                    data__retrieved__resolvedfrom = data__retrieved["resolved_from"]
                    if not isinstance(data__retrieved__resolvedfrom, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__retrieved__resolvedfrom, str):
                        data__retrieved__resolvedfrom_len = len(data__retrieved__resolvedfrom)
                        if data__retrieved__resolvedfrom_len < 1:
                            raise JsonSchemaValueException
                        if data__retrieved__resolvedfrom_len > 200:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__retrieved__resolvedfrom):
                            raise JsonSchemaValueException
                if "basis" in data__retrieved_keys:
                    data__retrieved_keys.remove("basis")
                    data__retrieved__basis = data__retrieved["basis"]
                    if not isinstance(data__retrieved__basis, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__retrieved__basis, str):
                        data__retrieved__basis_len = len(data__retrieved__basis)
                        if data__retrieved__basis_len < 1:
                            raise JsonSchemaValueException
                        if data__retrieved__basis_len > 2000:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__retrieved__basis):
                            raise JsonSchemaValueException
                if "note" in data__retrieved_keys:
                    data__retrieved_keys.remove("note")
                    data__retrieved__note = data__retrieved["note"]
                    if not isinstance(data__retrieved__note, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__retrieved__note, str):
                        data__retrieved__note_len = len(data__retrieved__note)
                        if data__retrieved__note_len < 1:
                            raise JsonSchemaValueException
                        if data__retrieved__note_len > 1000:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['\\S'].search(data__retrieved__note):
                            raise JsonSchemaValueException
                if data__retrieved_keys:
                    raise JsonSchemaValueException
        if "sha256" in data_keys:
            data_keys.remove("sha256")
            data__sha256 = data["sha256"]
            if not isinstance(data__sha256, (str)):
                raise JsonSchemaValueException
            if isinstance(data__sha256, str):
                if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__sha256):
                    raise JsonSchemaValueException
        if "archive" in data_keys:
            data_keys.remove("archive")
            data__archive = data["archive"]
            if not isinstance(data__archive, (dict)):
                raise JsonSchemaValueException
            data__archive_is_dict = isinstance(data__archive, dict)
            if data__archive_is_dict:
                data__archive__missing_keys = set(['sha256', 'media_type', 'extractor']) - data__archive.keys()
                if data__archive__missing_keys:
                    raise JsonSchemaValueException
                data__archive_keys = set(data__archive.keys())
                if "sha256" in data__archive_keys:
                    data__archive_keys.remove("sha256")
                    data__archive__sha256 = data__archive["sha256"]
                    if not isinstance(data__archive__sha256, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__archive__sha256, str):
                        if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__archive__sha256):
                            raise JsonSchemaValueException
                if "media_type" in data__archive_keys:
                    data__archive_keys.remove("media_type")
                    data__archive__mediatype = data__archive["media_type"]
                    if not (isinstance(data__archive__mediatype, str) and data__archive__mediatype == 'text/html' or isinstance(data__archive__mediatype, str) and data__archive__mediatype == 'application/pdf' or isinstance(data__archive__mediatype, str) and data__archive__mediatype == 'text/plain'):
                        raise JsonSchemaValueException
                if "extractor" in data__archive_keys:
                    data__archive_keys.remove("extractor")
                    data__archive__extractor = data__archive["extractor"]
                    if not isinstance(data__archive__extractor, (str)):
                        raise JsonSchemaValueException
                    if isinstance(data__archive__extractor, str):
                        data__archive__extractor_len = len(data__archive__extractor)
                        if data__archive__extractor_len > 100:
                            raise JsonSchemaValueException
                        if not REGEX_PATTERNS['^[A-Za-z0-9._-]+ [A-Za-z0-9.+_-]+$'].search(data__archive__extractor):
                            raise JsonSchemaValueException
                if data__archive_keys:
                    raise JsonSchemaValueException
        if "note" in data_keys:
            data_keys.remove("note")
            data__note = data["note"]
            if not isinstance(data__note, (str)):
                raise JsonSchemaValueException
            if isinstance(data__note, str):
                data__note_len = len(data__note)
                if data__note_len < 1:
                    raise JsonSchemaValueException
                if data__note_len > 2000:
                    raise JsonSchemaValueException
                if not REGEX_PATTERNS['\\S'].search(data__note):
                    raise JsonSchemaValueException
        if "not_claims" in data_keys:
            data_keys.remove("not_claims")
            data__notclaims = data["not_claims"]
            if not isinstance(data__notclaims, (list, tuple)):
                raise JsonSchemaValueException
            data__notclaims_is_list = isinstance(data__notclaims, (list, tuple))
            if data__notclaims_is_list:
                data__notclaims_len = len(data__notclaims)
                for data__notclaims_x, data__notclaims_item in enumerate(data__notclaims):
                    if not isinstance(data__notclaims_item, (dict)):
                        raise JsonSchemaValueException
                    data__notclaims_item_is_dict = isinstance(data__notclaims_item, dict)
                    if data__notclaims_item_is_dict:
                        data__notclaims_item__missing_keys = set(['quote', 'reason']) - data__notclaims_item.keys()
                        if data__notclaims_item__missing_keys:
                            raise JsonSchemaValueException
                        data__notclaims_item_keys = set(data__notclaims_item.keys())
                        if "quote" in data__notclaims_item_keys:
                            data__notclaims_item_keys.remove("quote")
                            data__notclaims_item__quote = data__notclaims_item["quote"]
                            if not isinstance(data__notclaims_item__quote, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__notclaims_item__quote, str):
                                data__notclaims_item__quote_len = len(data__notclaims_item__quote)
                                if data__notclaims_item__quote_len < 1:
                                    raise JsonSchemaValueException
                                if data__notclaims_item__quote_len > 2000:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__notclaims_item__quote):
                                    raise JsonSchemaValueException
                        if "prefix" in data__notclaims_item_keys:
                            data__notclaims_item_keys.remove("prefix")
                            data__notclaims_item__prefix = data__notclaims_item["prefix"]
                            if not isinstance(data__notclaims_item__prefix, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__notclaims_item__prefix, str):
                                data__notclaims_item__prefix_len = len(data__notclaims_item__prefix)
                                if data__notclaims_item__prefix_len < 1:
                                    raise JsonSchemaValueException
                                if data__notclaims_item__prefix_len > 200:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__notclaims_item__prefix):
                                    raise JsonSchemaValueException
                        if "suffix" in data__notclaims_item_keys:
                            data__notclaims_item_keys.remove("suffix")
                            data__notclaims_item__suffix = data__notclaims_item["suffix"]
                            if not isinstance(data__notclaims_item__suffix, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__notclaims_item__suffix, str):
                                data__notclaims_item__suffix_len = len(data__notclaims_item__suffix)
                                if data__notclaims_item__suffix_len < 1:
                                    raise JsonSchemaValueException
                                if data__notclaims_item__suffix_len > 200:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__notclaims_item__suffix):
                                    raise JsonSchemaValueException
                        if "occurrence" in data__notclaims_item_keys:
                            data__notclaims_item_keys.remove("occurrence")
                            data__notclaims_item__occurrence = data__notclaims_item["occurrence"]
                            if not isinstance(data__notclaims_item__occurrence, (int)) and not (isinstance(data__notclaims_item__occurrence, float) and data__notclaims_item__occurrence.is_integer()) or isinstance(data__notclaims_item__occurrence, bool):
                                raise JsonSchemaValueException
                            if isinstance(data__notclaims_item__occurrence, (int, float, Decimal)) and not isinstance(data__notclaims_item__occurrence, bool):
                                if data__notclaims_item__occurrence < 1:
                                    raise JsonSchemaValueException
                        if "reason" in data__notclaims_item_keys:
                            data__notclaims_item_keys.remove("reason")
                            data__notclaims_item__reason = data__notclaims_item["reason"]
                            if not isinstance(data__notclaims_item__reason, (str)):
                                raise JsonSchemaValueException
                            if isinstance(data__notclaims_item__reason, str):
                                data__notclaims_item__reason_len = len(data__notclaims_item__reason)
                                if data__notclaims_item__reason_len < 1:
                                    raise JsonSchemaValueException
                                if data__notclaims_item__reason_len > 1000:
                                    raise JsonSchemaValueException
                                if not REGEX_PATTERNS['\\S'].search(data__notclaims_item__reason):
                                    raise JsonSchemaValueException
                        if data__notclaims_item_keys:
                            raise JsonSchemaValueException
        if data_keys:
            raise JsonSchemaValueException
    return data


# (record type, kind) -> the functions a valid record passes; each raises JsonSchemaValueException for an invalid one.
PREDICATES = {
    ('claim', 'attributed'): (validate_claim_rest, validate_claim_kind0,),
    ('claim', 'inference'): (validate_claim_rest, validate_claim_kind1,),
    ('claim', 'reported'): (validate_claim_rest, validate_claim_kind2,),
    ('claim', 'speculation'): (validate_claim_rest, validate_claim_kind3,),
    ('entity', None): (validate_entity,),
    ('topic', None): (validate_topic,),
    ('judgment', 'assessment'): (validate_judgment_rest, validate_judgment_kind0,),
    ('judgment', 'finding'): (validate_judgment_rest, validate_judgment_kind1,),
    ('question', None): (validate_question,),
    ('source', None): (validate_source,),
}
