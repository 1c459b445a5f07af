// Test vectors copied (data only) from public detector projects and published test numbers.
// Provenance and licences: README.md beside this file. Each entry: [type, text, secret, rule?]
// for a positive (the secret must disappear, replaced by `[REDACTED:<rule ?? type>]`), or
// [type, text] for a negative (the text must come out unchanged).

/** gitleaks (MIT), cmd/generate/config/rules/*.go: literal true and false positives. */
export const gitleaks = [
  // openai.go
  ...[
    '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',
    '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',
    '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',
    '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',
    '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',
    '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',
    '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',
  ].map((key) => ['api_key', `openai client created with ${key}`, key]),
  // anthropic.go
  ...[
    'sk-ant-api03-abc123xyz-456def789ghij-klmnopqrstuvwx-3456yza789bcde-1234fghijklmnopby56aaaogaopaaaabc123xyzAA',
    'sk-ant-admin01-abc123xyz-456def789ghij-klmnopqrstuvwx-3456yza789bcde-1234fghijklmnopby56aaaogaopaaaabc123xyzAA',
  ].map((key) => ['api_key', `ANTHROPIC_KEY ${key}`, key]),
  // slack.go
  ...[
    'xoxb-781236542736-2364535789652-GkwFDQoHqzXDVsC6GzqYUypD',
    'xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1MBS',
    'xoxb-4614724432022-5152386766518-O5WzjWGLG0wcCm2WPrjEmnys',
    'xoxp-41684372915-1320496754-45609968301-e708ba56e1517a99f6b5fb07349476ef',
    'xoxp-283316862324-298911817009-298923149681-44f585044dace54f5701618e97cd1c0b',
    'xoxp-11873098179-111402824422-234336993777-b96c9fb3b69f82ebb79d12f280779de1',
    'xoxp-254112160503-252950188691-252375361712-6cbf56aada30951a9d310a5f23d032a0',
    'xoxp-4614724432022-4621207627011-5182682871568-1ddad9823e8528ad0f4944dfa3c6fc6c',
    'xapp-1-A052FGTS2DL-5171572773297-610b6a11f4b7eb819e87b767d80e6575a3634791acb9a9ead051da879eb5b55e',
    'xapp-1-IEMF8IMY1OQ-4037076220459-85c370b433e366de369c4ef5abdf41253519266982439a75af74a3d68d543fb6',
    'xoxe.xoxp-1-Mi0yLTM0MTQwNDE0MDE3Ni0zNjU5NDY0Njg4MTctNTE4MjA3NTQ5NjA4MC01NDEyOTYyODY5NzUxLThhMTBjZmI1ZWIzMGIwNTg0ZDdmMDI5Y2UxNzVlZWVhYzU2ZWQyZTZiODNjNDZiMGUxMzRlNmNjNDEwYmQxMjQ',
  ].map((key) => ['api_key', `slack client ${key} ready`, key]),
  ['api_key', 'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx'],
  ['api_key', 'xoxb-xoxb-my-bot-token'],
  ['api_key', '"token1": "xoxp-1234567890"'],
  // github.go
  ['api_key', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  ['api_key', 'gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  [
    'api_key',
    'github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  ],
  // aws.go
  ['api_key', 'aws id AKIALALEMEL33243OLIB', 'AKIALALEMEL33243OLIB'],
  ['api_key', 'key = AKIAXXXXXXXXXXXXXXXX'],
  ['api_key', 'msgstr "Näytä asiakirjamallikansio."'],
  ['api_key', 'TODAYINASIAASACKOFRICEFELLOVER'],
  // gcp.go
  ...[
    'AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk-',
    'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
    'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
    'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  ].map((key) => ['api_key', `maps key=${key}`, key]),
  ['api_key', 'AIZASYCO2CXRMC9ELSKLHLHRMBSWDEVEDZTLO2O'],
  // gitlab.go
  ['api_key', 'glpat-XXXXXXXXXXX-XXXXXXXX'],
  ['api_key', 'glptt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  // stripe.go
  ...[
    'sk_test_51OuEMLAlTWGaDypq4P5cuDHbuKeG4tAGPYHJpEXQ7zE8mKK3jkhTFPvCxnSSK5zB5EQZrJsYdsatNmAHGgb0vSKD00GTMSWRHs',
    'rk_prod_51OuEMLAlTWGaDypquDn9aZigaJOsa9NR1w1BxZXs9JlYsVVkv5XDu6aLmAxwt5Tgun5WcSwQMKzQyqV16c9iD4sx00BRijuoon',
  ].map((key) => ['api_key', `stripe(${key})`, key]),
  // huggingface.go
  ...[
    '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',
    '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',
    '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',
    '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',
    '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',
  ].map((key) => ['api_key', `huggingface-cli login --tok ${key}`, key]),
  // curl.go (header forms)
  [
    'authorization',
    `curl --header  'Authorization:  5eb4223e-5008-46e5-be67-c7b8f2732305'`,
    '5eb4223e-5008-46e5-be67-c7b8f2732305',
  ],
  ['authorization', `curl -H 'Authorization: Basic YnJvd3Nlcjo=' \\`, 'YnJvd3Nlcjo='],
  [
    'authorization',
    'curl -k -X POST --header "Authorization: Basic djJlNEpYa0NJUHZ5a2FWT0VRXzRqZmZUdDkwYTp2emNBZGFzZWpmlWZiUDc2VUJjNDNNVDExclVh" "https://api-qa.example.com:8243/token"',
    'djJlNEpYa0NJUHZ5a2FWT0VRXzRqZmZUdDkwYTp2emNBZGFzZWpmlWZiUDc2VUJjNDNNVDExclVh',
  ],
  [
    'authorization',
    ' -H "Authorization: Basic MzUzYjMwMmM0NDU3NGY1NjUwNDU2ODdlNTM0ZTdkNmE6Mjg2OTI0Njk3ZTYxNWE2NzJhNjQ2YTQ5MzU0NTY0NmM=" \\',
    'MzUzYjMwMmM0NDU3NGY1NjUwNDU2ODdlNTM0ZTdkNmE6Mjg2OTI0Njk3ZTYxNWE2NzJhNjQ2YTQ5MzU0NTY0NmM=',
  ],
  [
    'authorization',
    "#  -H 'Authorization: Basic YXBpOmtleS1hN2MzNDJ3MzNhNWQxLTU2M2U3MjlwLTZhYjI3YzYzNzM0Ng==' \\",
    'YXBpOmtleS1hN2MzNDJ3MzNhNWQxLTU2M2U3MjlwLTZhYjI3YzYzNzM0Ng==',
  ],
  [
    'authorization',
    '# curl -X GET "http://localhost:3000/api/cron/status" -H "Authorization: Bearer cfcabd11c7ed9a41b1a3e063c32d5114"',
    'cfcabd11c7ed9a41b1a3e063c32d5114',
    'bearer_token',
  ],
  [
    'authorization',
    '  -H "Authorization: Bearer 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" \\',
    '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',
    'bearer_token',
  ],
  [
    'authorization',
    '     -H "Authorization: Bearer _FXNljbSRYMWx3TWrd7lgKhLtVZX6iskC8Wcbb4b" \\',
    '_FXNljbSRYMWx3TWrd7lgKhLtVZX6iskC8Wcbb4b',
    'bearer_token',
  ],
  [
    'authorization',
    'curl -H "Authorization: Bearer sha256~bRLFnzd59Z3XpZH5_seJPHALOuvbWiKwbFKSsoALkgp"',
    'sha256~bRLFnzd59Z3XpZH5_seJPHALOuvbWiKwbFKSsoALkgp',
    'bearer_token',
  ],
  [
    'authorization',
    'curl -H "Authorization: Api-Token 22cb987851bc5659l29114c62e60c79abd0d2c08" --request PUT https://appsecclass.report/api/use/635',
    '22cb987851bc5659l29114c62e60c79abd0d2c08',
  ],
  [
    'authorization',
    'curl -H "Authorization: Token 22cb987851bc5659229114c62e60c79abd0d2c08" --request PUT https://appsecclass.report/api/use/635',
    '22cb987851bc5659229114c62e60c79abd0d2c08',
  ],
  [
    'authorization',
    'curl -L -H "Authorization: sha256~bRLFnzd5@=-.a+/hgdS"',
    'sha256~bRLFnzd5@=-.a+/hgdS',
  ],
  [
    'secret_assignment',
    '     -H "apikey: c4ed6c21-9dd5-4a05-8e3f-c56d1151cce8" \\',
    'c4ed6c21-9dd5-4a05-8e3f-c56d1151cce8',
  ],
  ['secret_assignment', 'curl -X POST --header "Api-Token: Sk94HG7f6KB"', 'Sk94HG7f6KB'],
  [
    'secret_assignment',
    'curl -XPOST http://localhost:8080/api/tasks -H "Token: 3fea6af1349166ea" -d "content=hello-curl"',
    '3fea6af1349166ea',
  ],
  [
    'secret_assignment',
    '     -H "X-Octopus-ApiKey: 3a16750d-d363-41a4-8ebd-035408f7730f" \\',
    '3a16750d-d363-41a4-8ebd-035408f7730f',
  ],
  // jwt.go
  [
    'jwt',
    'String tokenWithNoneAlg = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.";',
    'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.',
  ],
  [
    'jwt',
    "-Headers @{ 'X-APP-KEY' = 'eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6Im1vcnR5Iiwic3ViIjoiMTIzIn0.' }",
    'eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6Im1vcnR5Iiwic3ViIjoiMTIzIn0.',
  ],
  [
    'jwt',
    '"Cookie": "auth=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6NDIxMTEsImlzQWRtaW4iOmZhbHNlfQ.btpYeSioEDUNMI6bAPqgu5zndA8XR5DT8P9U9kotOEA",',
    // A cookie header's whole value goes, the JWT in it too.
    'auth=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6NDIxMTEsImlzQWRtaW4iOmZhbHNlfQ.btpYeSioEDUNMI6bAPqgu5zndA8XR5DT8P9U9kotOEA',
    'cookie',
  ],
  [
    'jwt',
    'curl -L -H "X-Jwt:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb25maWRlbmNlIjowLjh9.kvRPfjAhLhtRTczoRgctVGp7KY1QVH3UBZM-gM0x8ec" service1.local',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb25maWRlbmNlIjowLjh9.kvRPfjAhLhtRTczoRgctVGp7KY1QVH3UBZM-gM0x8ec',
  ],
  // telegram.go (false positives: XML type names after a namespace id)
  ...['12345', '87654', '31337'].flatMap((id) => [
    [
      'telegram_token',
      `<xsd:element name="AgencyIdentificationCode" type="clm${id}:AgencyIdentificationCodeContentType"/>`,
    ],
    // Under a key named `token` the value is a secret by policy, whatever its shape.
    [
      'secret_assignment',
      `token:"clm${id}:AgencyIdentificationCodeContentType"`,
      `clm${id}:AgencyIdentificationCodeContentType`,
    ],
  ]),
  // privatekey.go
  [
    'private_key',
    '-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----',
    '-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----',
    'pem_private_key',
  ],
];

/** Microsoft Presidio (MIT), presidio-analyzer/tests/test_credit_card_recognizer.py. */
export const presidioCards = {
  valid: [
    '4012888888881881',
    '4012-8888-8888-1881',
    '4012 8888 8888 1881',
    '122000000000003',
    '371449635398431',
    '5555555555554444',
    '5019717010103742',
    '30569309025904',
    '6011000400000000',
    '3528000700000000',
    '6759649826438453',
    '4111111111111111',
    '4917300800000000',
    '4484070000000000',
  ],
  invalid: ['4012-8888-8888-1882', '36168002586008'],
};

/** Test card numbers the payment networks and processors publish (Stripe, Adyen, Braintree docs). */
export const publishedTestCards = [
  '4242424242424242',
  '4000056655665556',
  '4000002500003155',
  '4000000000003220',
  '4222222222222',
  '5555555555554444',
  '2223003122003222',
  '5200828282828210',
  '5105105105105100',
  '2221000000000009',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '6011981111111113',
  '3056930009020004',
  '36227206271667',
  '6555900000604105',
  '3566002020360505',
  '3530111333300000',
  '6200000000000005',
  '6205500000000000004',
  '2200000000000004',
  '6759000000000000005',
  '6771798021000008',
  '5066991111111118',
  '4001590000000001',
  '6362970000457013',
  '5019555544445555',
];

/**
 * Example IBANs of the IBAN registry (SWIFT), as listed by the iban.js library (MIT,
 * arhs/iban.js): one per registry country.
 */
export const ibanRegistryExamples = [
  'AD1200012030200359100100',
  'AE070331234567890123456',
  'AL47212110090000000235698741',
  'AT611904300234573201',
  'AZ21NABZ00000000137010001944',
  'BA391290079401028494',
  'BE68539007547034',
  'BG80BNBG96611020345678',
  'BH67BMAG00001299123456',
  'BR9700360305000010009795493P1',
  'CH9300762011623852957',
  'CR05015202001026284066',
  'CY17002001280000001200527600',
  'CZ6508000000192000145399',
  'DE89370400440532013000',
  'DK5000400440116243',
  'DO28BAGR00000001212453611324',
  'EE382200221020145685',
  'ES9121000418450200051332',
  'FI2112345600000785',
  'FO6264600001631634',
  'FR1420041010050500013M02606',
  'GB29NWBK60161331926819',
  'GE29NB0000000101904917',
  'GI75NWBK000000007099453',
  'GL8964710001000206',
  'GR1601101250000000012300695',
  'GT82TRAJ01020000001210029690',
  'HR1210010051863000160',
  'HU42117730161111101800000000',
  'IE29AIBK93115212345678',
  'IL620108000000099999999',
  'IS140159260076545510730339',
  'IT60X0542811101000000123456',
  'KW81CBKU0000000000001234560101',
  'KZ86125KZT5004100100',
  'LB62099900000001001901229114',
  'LC07HEMM000100010012001200013015',
  'LI21088100002324013AA',
  'LT121000011101001000',
  'LU280019400644750000',
  'LV80BANK0000435195001',
  'MC5811222000010123456789030',
  'MD24AG000225100013104168',
  'ME25505000012345678951',
  'MK07250120000058984',
  'MR1300020001010000123456753',
  'MT84MALT011000012345MTLCAST001S',
  'MU17BOMM0101101030300200000MUR',
  'NL91ABNA0417164300',
  'NO9386011117947',
  'PK36SCBL0000001123456702',
  'PL61109010140000071219812874',
  'PS92PALS000000000400123456702',
  'PT50000201231234567890154',
  'RO49AAAA1B31007593840000',
  'RS35260005601001611379',
  'SA0380000000608010167519',
  'SE4550000000058398257466',
  'SI56263300012039086',
  'SK3112000000198742637541',
  'SM86U0322509800000000270100',
  'ST68000100010051845310112',
  'TL380080012345678910157',
  'TN5910006035183598478831',
  'TR330006100519786457841326',
  'VG96VPVG0000012345678901',
  'XK051212012345678906',
];
