use super::*;

fn mention(s: &str, at: usize, inflected: bool) -> LocalMention {
    LocalMention::new(at..at + s.len(), Name::new(s), Kind::Person, inflected).unwrap()
}

fn names(list: &[&str]) -> Vec<Name> {
    list.iter().map(|s| Name::new(s)).collect()
}

/// An entity's kind, mentions, and keys, stems, surname and family keys.
type Parts = (Kind, Vec<LocalMention>, [Vec<Name>; 4]);

/// Entities with every mix of empty and filled lists, the first without
/// mentions or keys.
fn sample() -> (LocalDoc, Vec<Parts>) {
    let parts = vec![
        (Kind::Other, vec![], [vec![], vec![], vec![], vec![]]),
        (
            Kind::Person,
            vec![
                mention("Wladimir Putin", 0, false),
                mention("Putins", 30, true),
            ],
            [
                names(&["wladimir putin"]),
                vec![],
                vec![],
                names(&["putin", "wladimir"]),
            ],
        ),
        (
            Kind::Place,
            vec![mention("Nordkoreas", 50, true)],
            [
                names(&["nordkoreas"]),
                names(&["nordkorea"]),
                vec![],
                vec![],
            ],
        ),
        (
            Kind::Person,
            vec![mention("Müller", 70, false)],
            [
                names(&["müller"]),
                vec![],
                names(&["müller", "mueller"]),
                vec![],
            ],
        ),
        (
            Kind::Organization,
            vec![mention("EU", 90, false)],
            [vec![], vec![], vec![], names(&["eu"])],
        ),
    ];
    let mut doc = LocalDocBuilder::default();
    for (kind, mentions, [keys, stems, surname, family]) in &parts {
        doc.push(EntityParts {
            kind: *kind,
            mentions,
            keys,
            stems,
            surname,
            family,
        })
        .unwrap();
    }
    (doc.finish(), parts)
}

#[test]
fn every_entity_gives_back_exactly_its_lists() {
    let (doc, parts) = sample();
    assert_eq!(doc.len(), parts.len());
    assert_eq!(doc.entities().len(), parts.len());
    for (e, (kind, mentions, [keys, stems, surname, family])) in doc.entities().zip(&parts) {
        assert_eq!(e.kind(), *kind);
        assert_eq!(e.mentions(), &mentions[..]);
        assert_eq!(e.keys(), &keys[..]);
        assert_eq!(e.stems(), &stems[..]);
        assert_eq!(e.surname(), &surname[..]);
        assert_eq!(e.family(), &family[..]);
        // Keys and stems side by side, and nothing of the lists after.
        let both: Vec<Name> = keys.iter().chain(stems).copied().collect();
        assert_eq!(e.keys_and_stems(), &both[..]);
        assert_eq!(e.parts().mentions, e.mentions());
    }
    let all: Vec<LocalMention> = parts.iter().flat_map(|p| p.1.clone()).collect();
    assert_eq!(doc.mentions(), &all[..]);
    assert_eq!(doc.entity(1).unwrap().mentions()[1].span(), 30..36);
    assert!(doc.entity(parts.len()).is_none());
    assert!(LocalDoc::default().is_empty());
}

#[test]
fn a_decoded_document_round_trips_and_bad_offsets_are_refused() {
    let (doc, _) = sample();
    let bytes = postcard::to_stdvec(&doc).unwrap();
    let back: LocalDoc = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back, doc);
    let json = serde_json::to_string(&doc).unwrap();
    assert_eq!(serde_json::from_str::<LocalDoc>(&json).unwrap(), doc);
    // Offsets past the arrays, out of order, or short of their end: refused,
    // never a panic.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let edits: [(&str, usize, u64); 6] = [
        ("mentions", 1, 99),
        ("mentions", 2, 1),
        ("names", 2, 1),
        ("names", 4, 99),
        ("family", 4, 60),
        ("stems", 3, 99),
    ];
    for (field, entity, value) in edits {
        let saved = v["heads"][entity][field].clone();
        v["heads"][entity][field] = value.into();
        assert!(
            serde_json::from_value::<LocalDoc>(v.clone()).is_err(),
            "{field} of entity {entity} set to {value}"
        );
        v["heads"][entity][field] = saved;
    }
    assert_eq!(serde_json::from_value::<LocalDoc>(v).unwrap(), doc);
    // Anything else decodes to an error too.
    for cut in 0..bytes.len() {
        assert!(postcard::from_bytes::<LocalDoc>(&bytes[..cut]).is_err());
    }
}

#[test]
fn an_entity_keeps_at_most_max_list_stems_surname_and_family_keys() {
    let many: Vec<Name> = (0..MAX_LIST + 3)
        .map(|i| Name::new(&format!("k{i}")))
        .collect();
    let few = names(&["a", "b"]);
    let m = [mention("X", 0, false)];
    let mut doc = LocalDocBuilder::default();
    for lists in [
        [&many[..], &many[..], &many[..], &many[..]],
        [&few[..], &few[..1], &few[..], &[][..]],
    ] {
        doc.push(EntityParts {
            kind: Kind::Person,
            mentions: &m,
            keys: lists[0],
            stems: lists[1],
            surname: lists[2],
            family: lists[3],
        })
        .unwrap();
    }
    let doc = doc.finish();
    let big = doc.entity(0).unwrap();
    // Every key, and the first MAX_LIST of each of the other lists.
    assert_eq!(big.keys(), &many[..]);
    for list in [big.stems(), big.surname(), big.family()] {
        assert_eq!(list, &many[..MAX_LIST]);
    }
    // The entity after it is whole, and the document decodes again.
    let next = doc.entity(1).unwrap();
    assert_eq!(
        (next.keys(), next.stems(), next.surname(), next.family()),
        (&few[..], &few[..1], &few[..], &[][..])
    );
    let back: LocalDoc = postcard::from_bytes(&postcard::to_stdvec(&doc).unwrap()).unwrap();
    assert_eq!(back, doc);
}

#[test]
fn spans_of_64_kib_or_more_make_no_mention() {
    let n = Name::new("Bonn");
    let max = u16::MAX as usize;
    let m = LocalMention::new(10..10 + max, n, Kind::Place, false).unwrap();
    assert_eq!(m.span(), 10..10 + max);
    assert!(LocalMention::new(10..11 + max, n, Kind::Place, false).is_none());
    // A span that ends before it starts is none either.
    let (start, end) = (5, 4);
    assert!(LocalMention::new(start..end, n, Kind::Place, false).is_none());
}

#[test]
fn offsets_past_32_bits_make_no_mention() {
    let n = Name::new("Bonn");
    let big = u32::MAX as usize + 1;
    assert!(LocalMention::new(0..big, n, Kind::Place, false).is_none());
    assert!(LocalMention::new(big..big + 4, n, Kind::Place, false).is_none());
    let max = u32::MAX as usize;
    let m = LocalMention::new(max - 4..max, n, Kind::Place, false).unwrap();
    assert_eq!((m.start(), m.end()), (max - 4, max));
}

#[test]
fn heads_and_mentions_keep_their_sizes() {
    // What a corpus of a million local entities holds per entity and
    // mention while it is linked (module docs).
    assert_eq!(std::mem::size_of::<EntityHead>(), 16);
    assert_eq!(std::mem::size_of::<LocalMention>(), 12);
    // A document: three boxed arrays, no spare capacity.
    assert_eq!(std::mem::size_of::<LocalDoc>(), 48);
}
