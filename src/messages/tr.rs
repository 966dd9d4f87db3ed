//! Turkish. A count takes no plural suffix after a number ("1 kayıt", "5 kayıt"); numbers
//! are grouped with dots and dates are day first, through `Intl`.

use super::Messages;
use crate::api::retry::MAX_RETRIES;
use crate::i18n::{Lang, day, number};

fn n(value: u64) -> String {
    number(Lang::Tr, value)
}

/// Turkish.
pub static TR: Messages = Messages {
    app_title: "Envanter uyuşmazlıkları",
    nav_list: "Uyuşmazlıklar",
    nav_remove: "Eski kayıtları sil",
    sign_out: "Oturumu kapat",
    nav_label: "Ana menü",
    signed_in_to: |host| format!("{host} üzerinde oturum açık"),

    sign_in_title: "OMS'e giriş yapın",
    sign_in_intro: "OMS adresinizi ve API anahtarınızı girin. Anahtar, kabul edilmeden önce OMS ile doğrulanır. Hiçbir zaman bir adrese (URL) eklenmez ve yalnızca bu sekmede kalır: bellekte ya da oturumun açık kalmasını isterseniz oturum deposunda.",
    base_url_label: "OMS temel adresi",
    base_url_hint: "Bu uygulamanın sunulduğu OMS'i kullanmak için olduğu gibi bırakın.",
    token_label: "API anahtarı",
    token_hint: "Omnitron'daki kişisel API anahtarınız (Authorization: Token …).",
    remember_label: "Bu sekmede oturumum açık kalsın",
    sign_in_button: "Giriş yap",
    signing_in: "Anahtar doğrulanıyor…",
    token_required: "API anahtarınızı girin.",
    base_url_invalid: "http:// ya da https:// ile başlayan bir adres girin, örneğin https://acme-oms.example.com.",
    token_rejected: "OMS bu anahtarı reddetti. Kontrol edip yeniden deneyin.",
    session_expired: "Oturumunuz sona erdi: OMS bu anahtarı artık kabul etmiyor. Kaldığınız yerden devam etmek için yeniden giriş yapın.",
    signed_out: "Oturumunuz kapatıldı. Anahtar bu sekmeden silindi.",

    list_title: "Envanter uyuşmazlıkları",
    table_caption: "Envanter uyuşmazlığı kayıtları",
    col_id: "Kayıt no",
    col_reason: "Neden",
    col_stock_location: "Stok lokasyonu",
    col_item: "Paket / transfer kalemi",
    col_active: "Aktif",
    col_created: "Oluşturulma",
    col_modified: "Güncellenme",
    yes: "Evet",
    no: "Hayır",
    package_item_n: |id| format!("Paket kalemi {id}"),
    transfer_item_n: |id| format!("Transfer kalemi {id}"),
    no_item: "—",
    showing: |from, to, total| format!("{} kayıttan {}–{} gösteriliyor", n(total), n(from), n(to)),
    loading: "Uyuşmazlıklar yükleniyor…",
    refreshing: "Yükleniyor…",
    empty_list: "Hiç envanter uyuşmazlığı yok.",
    empty_filtered: "Bu filtrelere uyan uyuşmazlık yok.",
    clear_filters: "Filtreleri temizle",
    pagination_label: "Sayfalama",
    first_page: "İlk",
    previous_page: "Önceki",
    next_page: "Sonraki",
    last_page: "Son",
    page_n: |page| format!("Sayfa {}", n(page)),
    page_of: |page, of| format!("Sayfa {} / {}", n(page), n(of)),
    page_size_label: "Sayfa başına satır",
    filters_legend: "Filtre",
    filter_reason: "Neden",
    filter_stock_location: "Stok lokasyonu no",
    filter_active: "Aktif",
    filter_created_before: "Bu tarihten önce oluşturulan",
    must_be_yes_or_no: "Tümü, Evet ya da Hayır seçin.",
    any: "Tümü",
    apply_filters: "Uygula",
    must_be_positive_integer: "0'dan büyük bir tam sayı girin.",
    filter_not_honoured: |name| {
        format!(
            "OMS, “{name}” filtresine uymayan kayıtlar döndürdü: bu filtreyi desteklemiyor olabilir. Aşağıdaki satırlar filtrelenmemiştir."
        )
    },
    open_record: |id| format!("{id} numaralı uyuşmazlığı aç"),

    detail_title: |id| format!("Uyuşmazlık #{id}"),
    back_to_list: "← Listeye dön",
    field_reason: "Neden",
    field_stock_location: "Stok lokasyonu",
    field_package_item: "Paket kalemi",
    field_transfer_item: "Transfer kalemi",
    field_active: "Aktif",
    field_created: "Oluşturulma",
    field_modified: "Güncellenme",
    field_id: "Kayıt no",
    none: "Yok",
    not_found_title: "Bulunamadı",
    invalid_id: |raw| format!("“{raw}” bir uyuşmazlık numarası değil: numaralar tam sayıdır."),
    unknown_page: "Bu adreste bir sayfa yok.",

    remove_title: "Eski kayıtları sil",
    remove_intro: "Bir tarihten önce oluşturulan uyuşmazlık kayıtlarını tüm stok lokasyonlarında ya da tek bir lokasyonda kalıcı olarak silin.",
    expired_date_label: "Şu tarihten önce oluşturulan kayıtları sil",
    expired_date_hint: "Bu günün 00:00 (UTC) saatinden önce oluşturulan kayıtlar silinir.",
    remove_stock_location_label: "Stok lokasyonu no (isteğe bağlı)",
    remove_stock_location_hint: "Tüm stok lokasyonlarında silmek için boş bırakın.",
    review_button: "Silme işlemini incele",
    reviewing: "Kayıtlar sayılıyor…",
    date_required: "Bir tarih seçin.",
    date_invalid: "Geçerli bir tarih girin.",
    confirm_title: "Silme işlemini onaylayın",
    confirm_scope: |date, location| {
        let date = day(Lang::Tr, date);
        match location {
            Some(loc) => {
                format!(
                    "{date} (00:00 UTC) tarihinden önce oluşturulan kayıtlar {loc} numaralı stok lokasyonunda silinecek."
                )
            }
            None => {
                format!("{date} (00:00 UTC) tarihinden önce oluşturulan kayıtlar tüm stok lokasyonlarında silinecek.")
            }
        }
    },
    server_count: |count| format!("Sunucu şu anda bu koşula uyan {} kayıt sayıyor.", n(count)),
    nothing_to_remove: "Eşleşen kayıt yok: silinecek bir şey yok.",
    confirm_button: |count| format!("{} kaydı sil", n(count)),
    removing: "Siliniyor…",
    cancel: "Vazgeç",
    removed: |count| {
        format!(
            "Tamamlandı. OMS kayıtları sildi (istekten önce {} kayıt eşleşiyordu).",
            n(count)
        )
    },
    remove_failed: "Silme işlemi gerçekleşmedi",
    remove_unconfirmed: "OMS silme işlemini doğrulamadı",
    remove_unconfirmed_done: "Silme işlemi gerçekleşti",
    input_kept: "Girdiğiniz bilgiler aşağıda duruyor; düzeltin ya da yeniden deneyin.",
    view_list: "Listeyi görüntüle",
    irreversible: "Bu işlem geri alınamaz.",
    outcome_checking: "OMS silme işlemini doğrulamadı. Ne olduğu kontrol ediliyor…",
    outcome_done: |count| {
        format!(
            "Yanıtı kaybolsa da silme işlemi gerçekleşti: eşleşen {} kayıttan hiçbiri kalmadı.",
            n(count)
        )
    },
    outcome_not_done: |count| {
        format!(
            "Hiçbir şey silinmedi: eşleşen {} kayıt hâlâ duruyor. Yeniden deneyebilirsiniz.",
            n(count)
        )
    },
    outcome_partial: |left, before| {
        format!(
            "Eşleşen {} kayıttan {} tanesi hâlâ duruyor: silme işlemi yarıda kalmış ya da yeni kayıtlar gelmiş olabilir.",
            n(before),
            n(left)
        )
    },
    outcome_unknown: "Sonuç kontrol edilemedi. Yeniden denemeden önce neyin kaldığını görmek için listeyi açın.",
    removal_in_progress: "Bir silme işlemi sürüyor. OMS yanıt verdiğinde sonucu burada gösterilecek.",
    open_removal: "Silme sayfasını aç",
    dismiss: "Kapat",

    error_title: "Bir sorun oluştu",
    retry: "Yeniden dene",
    go_first_page: "1. sayfaya git",
    sign_in_again: "Yeniden giriş yap",
    err_unauthorized: "OMS anahtarınızı artık kabul etmiyor.",
    err_forbidden: "Anahtarınızın bu işlem için yetkisi yok.",
    err_not_found: |detail| format!("Bulunamadı: {detail}"),
    err_invalid_page: "Bu sayfa (artık) yok. Kayıtlar değişmiş olabilir.",
    err_validation: "OMS isteği kabul etmedi.",
    err_throttled: |after| match after {
        Some(s) => format!("OMS istekleri sınırlıyor. {s} sn sonra yeniden deneyin."),
        None => "OMS istekleri sınırlıyor. Birazdan yeniden deneyin.".to_string(),
    },
    err_server: |status| format!("OMS'te bir iç hata oluştu (HTTP {status}). Birazdan yeniden deneyin."),
    err_status: |status| format!("OMS beklenmeyen bir durum koduyla yanıt verdi (HTTP {status})."),
    err_network: |detail| format!("OMS'e ulaşılamadı. Bağlantınızı ve OMS adresini kontrol edin. ({detail})"),
    err_timeout: |secs| format!("OMS {secs} sn içinde yanıt vermedi."),
    err_decode: |expected, detail| format!("OMS bu uygulamanın okuyamadığı bir yanıt gönderdi ({expected}): {detail}"),
    retrying_in: |secs, attempt| format!("{secs} sn sonra yeniden deneniyor (deneme {attempt}/{MAX_RETRIES})…"),
    stop_retrying: "Denemeyi durdur",
    err_aborted: "İstek iptal edildi.",

    recovery_title: "Bir şeyler bozuldu",
    recovery_intro: "Uygulama düzeltemediği bir hatayla karşılaştı ve durdu. Devam etmek için sayfayı yeniden yükleyin. Tekrar olursa tanılama bilgilerini kopyalayıp bu uygulamanın desteğinden sorumlu kişiye gönderin: anahtar içermezler.",
    recovery_what_happened: |message| format!("Ne oldu: {message}"),
    recovery_reload: "Yeniden yükle",
    recovery_copy: "Tanılama bilgilerini kopyala",
    recovery_copied: "Tanılama bilgileri panoya kopyalandı.",
    recovery_copy_manual: "Bu tarayıcı kopyalamaya izin vermedi: tanılama bilgileri aşağıda seçili, Ctrl+C (Mac'te ⌘C) ile kopyalayın.",
    recovery_diagnostics_label: "Tanılama bilgileri",

    language_label: "Dil",
    reasons: [
        "Stokta yok",
        "Hasarlı",
        "Kayıp",
        "Yanlış ürün",
        "Son kullanma tarihi geçmiş",
        "Kalite sorunu",
    ],
    reason_code: |code| format!("Kod: {code}"),
};
