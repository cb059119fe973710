package httpapi

// schemas are the components of the OpenAPI document. Document and Annex are
// given in outline: their full contract, with every field, is the input
// specification (spec/input.md), and the service answers a wrong field with
// its path and the valid values, which serves a caller better than a schema
// validator's message.
func schemas() obj {
	str := obj{"type": "string"}
	strs := obj{"type": "array", "items": str}
	integer := obj{"type": "integer"}
	coverage := obj{"type": "object", "properties": obj{"total": integer, "primary": integer, "withFallbacks": integer}}
	return obj{
		"Error": obj{
			"type": "object", "required": []string{"code", "message", "field"},
			"properties": obj{
				"code":    obj{"type": "string", "enum": errorCodes()},
				"message": obj{"type": "string", "description": "What is wrong and how to fix it, in Chinese"},
				"field":   obj{"type": "string", "description": "The JSON path, query parameter or header at fault; empty for the request as a whole"},
				"problems": obj{"type": "array", "items": ref("Problem"),
					"description": "Every problem, for invalid_document and invalid_json"},
			},
		},
		"Problem": obj{
			"type": "object", "required": []string{"path", "message"},
			"properties": obj{
				"path":    obj{"type": "string", "example": "signature.date"},
				"message": str,
			},
		},
		"Validation": obj{
			"type": "object", "required": []string{"valid", "problems"},
			"properties": obj{"valid": obj{"type": "boolean"}, "problems": obj{"type": "array", "items": ref("Problem")}},
		},
		"Health": obj{
			"type": "object", "required": []string{"status"},
			"properties": obj{
				"status": obj{"type": "string", "enum": []string{"up", "down"}},
				"checks": obj{"type": "object", "additionalProperties": obj{
					"type": "object", "properties": obj{"status": str, "message": str}}},
			},
		},
		"TemplateCatalogue": obj{
			"type": "object",
			"properties": obj{
				"kinds": obj{"type": "array", "items": obj{"type": "object", "properties": obj{
					"name": str, "label": str, "proposalTypes": strs, "marks": strs, "required": strs, "source": str}}},
				"profiles": obj{"type": "array", "items": obj{"type": "object",
					"description": "An office profile, as templates/profiles/*.json"}},
			},
		},
		"FontCatalogue": obj{
			"type": "object",
			"properties": obj{
				"roles": obj{"type": "array", "items": obj{"type": "object", "properties": obj{
					"role": str, "name": str,
					"faces": obj{"type": "array", "items": obj{"type": "object", "properties": obj{
						"file": str, "name": str, "primary": obj{"type": "boolean"}}}},
					"coverage": obj{"type": "object", "properties": obj{"gb2312": coverage, "gbk": coverage}},
				}}},
				"unusable": strs,
			},
		},
		"Document": obj{
			"type": "object", "required": []string{"issuer"},
			"description": "One 公文 (spec/input.md). Unknown fields are an error naming them.",
			"properties": obj{
				"format": obj{"type": "string", "enum": []string{"file", "letter"}},
				"kind":   obj{"type": "string", "description": "fenban, zhuban, xieban, tian: with proposal a template supplies title, addressees, opening and closing"},
				"issuer": str, "issuerMark": str, "jointIssuers": strs, "docNumber": str, "copyNumber": str,
				"secrecy": str, "urgency": str, "signers": strs, "disclosure": str, "category": str,
				"title": str, "addressees": strs, "profile": str,
				"proposal":    obj{"type": "object"},
				"body":        obj{"description": "An array of blocks, or one string of plain text"},
				"attachments": obj{"type": "array", "items": obj{"type": "object"}},
				"signature":   obj{"type": "object"},
				"note":        str, "cc": strs,
				"printer": obj{"type": "object"},
			},
		},
		"Annex": obj{
			"type": "object", "required": []string{"title", "issuer", "tables"},
			"description": "A statistical annex (spec/input.md): tables, or presets training, evaluation, jobfair with rows only.",
			"properties": obj{
				"title": str, "issuer": str, "period": str,
				"tables": obj{"type": "array", "items": obj{"type": "object"}},
			},
		},
	}
}

func errorCodes() []string {
	return []string{EInvalidJSON, EInvalidRequest, EUnauthorized, ENotFound, EMethodNotAllowed, ETooLarge,
		EUnsupportedMediaType, EInvalidDocument, ETooManyRequests, EInternal, ENotReady, ETimeout}
}
