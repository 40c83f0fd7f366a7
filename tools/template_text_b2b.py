"""B2B sales process template texts: English (source), Indonesian, Simplified Chinese."""

TEXTS = [
    ("Complex B2B sales process", "Proses penjualan B2B yang kompleks", "复杂的 B2B 销售流程"),
    ("SDR / BDR", "SDR / BDR", "SDR / BDR"),
    ("Account Executive", "Account Executive", "客户经理"),
    ("Finance & Legal", "Keuangan & Legal", "财务与法务"),
    ("Customer Success", "Customer Success", "客户成功"),
    ("Lead enters CRM", "Prospek masuk CRM", "线索进入 CRM"),
    ("Marketing / SDR team", "Tim pemasaran / SDR", "营销 / SDR 团队"),
    ("A new lead or target account appears in the CRM: inbound (demo request, webinar, content "
     "download, referral) or outbound (list built by the SDR team).",
     "Prospek atau akun sasaran baru muncul di CRM: inbound (permintaan demo, webinar, unduhan "
     "konten, rujukan) atau outbound (daftar yang disusun tim SDR).",
     "CRM 中出现新线索或目标客户：集客（演示申请、网络研讨会、"
     "内容下载、推荐）或外呼（SDR 团队建立的名单）。"),
    ("Prospecting", "Penjaringan prospek", "潜在客户开发"),
    ("李娜 (SDR)", "Rina (SDR)", "李娜 (SDR)"),
    ("Research the account and check it against the ideal customer profile: industry, size, tech "
     "stack, recent news. Build the contact list and run the prospecting cadence (calls, emails, "
     "LinkedIn / social selling). Done when a contact at the account answers.",
     "Pelajari akun dan cocokkan dengan profil pelanggan ideal: industri, ukuran, teknologi yang "
     "dipakai, berita terbaru. Susun daftar kontak dan jalankan kadens penjaringan (telepon, "
     "email, LinkedIn / social selling). Selesai bila satu kontak di akun tersebut menjawab.",
     "研究目标客户并对照理想客户画像：行业、规模、技术栈、近期新闻。建立联系人名单并执行开发节奏"
     "（电话、邮件、领英 / 社交销售）。客户方有联系人回复即告完成。"),
    ("Identification", "Identifikasi", "信息确认"),
    ("Record where the lead came from (inbound or outbound, campaign, channel) and complete "
     "everything known: company data, contacts and their roles, current solution, earlier "
     "conversations. Done when the CRM record is complete and the qualification call is booked.",
     "Catat asal prospek (inbound atau outbound, kampanye, kanal) dan lengkapi semua yang "
     "diketahui: data perusahaan, kontak beserta perannya, solusi saat ini, percakapan "
     "sebelumnya. Selesai bila data CRM lengkap dan panggilan kualifikasi sudah dijadwalkan.",
     "记录线索来源（集客或外呼、营销活动、渠道），并补全已知信息：公司数据、联系人及其角色、现有方案、"
     "以往沟通。CRM 记录完整且已预约资格审查电话即告完成。"),
    ("Qualification call", "Panggilan kualifikasi", "资格审查电话"),
    ("王伟 (BDR)", "Budi (BDR)", "王伟 (BDR)"),
    ("Discovery call with the main contact using BANT: Budget, Authority (who signs, who else "
     "decides), Need (pain, current process) and Timeline. Done when all four BANT fields are "
     "filled in the CRM.",
     "Panggilan penggalian kebutuhan dengan kontak utama memakai BANT: Budget (anggaran), "
     "Authority (siapa yang menandatangani, siapa lagi yang memutuskan), Need (masalah, proses "
     "saat ini), dan Timeline (waktu). Selesai bila keempat isian BANT terisi di CRM.",
     "与主要联系人进行需求挖掘通话，使用 BANT：预算、决策权（谁签字，还有谁参与决策）、需求（痛点、"
     "现有流程）和时间表。CRM 中四项 BANT 字段全部填写即告完成。"),
    ("Qualified?", "Memenuhi syarat?", "合格？"),
    ("BANT check. Yes: budget, authority, need and timeline confirmed -> create an opportunity "
     "and hand over to an Account Executive. Not yet: real need but no budget or timeline this "
     "quarter -> nurture. No: outside the ideal customer profile -> disqualify.",
     "Pemeriksaan BANT. Ya: anggaran, wewenang, kebutuhan, dan waktu sudah pasti -> buat peluang "
     "dan serahkan ke Account Executive. Belum: kebutuhan nyata tetapi belum ada anggaran atau "
     "waktu kuartal ini -> pembinaan. Tidak: di luar profil pelanggan ideal -> diskualifikasi.",
     "BANT 检查。是：预算、决策权、需求和时间表均已确认 -> 创建商机并移交给客户经理。"
     "暂不：需求真实，"
     "但本季度没有预算或时间表 -> 培育。否：不符合理想客户画像 -> 判定不合格。"),
    ("Nurture", "Pembinaan prospek", "线索培育"),
    ("Lead goes into a nurture sequence (newsletter, case studies, event invitations). The SDR "
     "checks in every quarter; done when the lead shows new buying signals.",
     "Prospek masuk ke rangkaian pembinaan (buletin, studi kasus, undangan acara). SDR menghubungi "
     "setiap kuartal; selesai bila prospek menunjukkan sinyal pembelian baru.",
     "线索进入培育序列（新闻通讯、客户案例、活动邀请）。SDR 每季度跟进一次；"
     "线索出现新的购买信号即告完成。"),
    ("Lead disqualified", "Prospek didiskualifikasi", "线索不合格"),
    ("Record the disqualification reason (no fit, no authority, competitor locked in).",
     "Catat alasan diskualifikasi (tidak cocok, tidak berwenang, terikat dengan pesaing).",
     "记录判定不合格的原因（不匹配、无决策权、已被竞争对手锁定）。"),
    ("Follow-up and demo", "Tindak lanjut dan demo", "跟进与演示"),
    ("陈静 (Account Executive)", "Sari (Account Executive)", "陈静（客户经理）"),
    ("Hand-over call with the SDR, then meetings with every decision maker: tailored "
     "presentation / demo, mutual action plan, technical questions answered. Done when the "
     "buying committee asks for a proposal.",
     "Panggilan serah terima dengan SDR, lalu pertemuan dengan setiap pengambil keputusan: "
     "presentasi / demo yang disesuaikan, rencana aksi bersama, pertanyaan teknis dijawab. "
     "Selesai bila komite pembelian meminta proposal.",
     "与 SDR 进行交接通话，然后与每位决策者会面：定制的产品演示、共同行动计划、解答技术问题。"
     "采购委员会要求提案即告完成。"),
    ("Prepare proposal", "Siapkan proposal", "准备提案"),
    ("Write the proposal: scope, licences, services, price, payment terms, timeline. Sales "
     "manager approves discounts above 15%. Done when the proposal is sent to the customer.",
     "Tulis proposal: cakupan, lisensi, layanan, harga, syarat pembayaran, jadwal. Manajer "
     "penjualan menyetujui diskon di atas 15%. Selesai bila proposal dikirim ke pelanggan.",
     "撰写提案：范围、许可、服务、价格、付款条件、时间表。超过 15% 的折扣需销售主管审批。"
     "提案发送给客户即告完成。"),
    ("Negotiation", "Negosiasi", "谈判"),
    ("Negotiate terms, price, features and payment with the buyer and procurement; involve "
     "product for feature questions. Done when the customer gives a clear answer on the proposal.",
     "Negosiasikan syarat, harga, fitur, dan pembayaran dengan pembeli dan bagian pengadaan; "
     "libatkan tim produk untuk pertanyaan fitur. Selesai bila pelanggan memberi jawaban jelas "
     "atas proposal.",
     "与买方和采购部门谈判条款、价格、功能和付款方式；功能问题请产品团队参与。客户对提案给出明确答复即告完成。"),
    ("Proposal accepted?", "Proposal diterima?", "提案被接受？"),
    ("Revise proposal", "Revisi proposal", "修改提案"),
    ("Adjust scope, price or payment plan to the objections raised, within the discount the "
     "sales manager approved, and send the new version.",
     "Sesuaikan cakupan, harga, atau rencana pembayaran dengan keberatan yang diajukan, dalam "
     "batas diskon yang disetujui manajer penjualan, lalu kirim versi baru.",
     "针对提出的异议，在销售主管批准的折扣范围内调整范围、价格或付款计划，并发送新版本。"),
    ("Deal lost", "Transaksi gagal", "输单"),
    ("Log the lost reason (price, competitor, no decision) for the quarterly review.",
     "Catat alasan kegagalan (harga, pesaing, tidak ada keputusan) untuk tinjauan kuartalan.",
     "记录输单原因（价格、竞争对手、未做决定），供季度复盘使用。"),
    ("Contract drafting", "Penyusunan kontrak", "起草合同"),
    ("Finance checks credit and billing terms; Legal drafts the contract from the accepted "
     "proposal and sends it to the customer's legal team. Done when both legal teams have "
     "reviewed the draft.",
     "Bagian keuangan memeriksa kredit dan syarat penagihan; bagian legal menyusun kontrak dari "
     "proposal yang diterima dan mengirimkannya ke tim legal pelanggan. Selesai bila kedua tim "
     "legal sudah meninjau draf.",
     "财务审核信用和账单条款；法务根据已接受的提案起草合同，并发送给客户的法务团队。双方法务团队审阅草稿即告完成。"),
    ("Ready to close?", "Siap ditutup?", "可以签约？"),
    ("Yes when there are no open redlines and the signer on the customer side is confirmed.",
     "Ya bila tidak ada lagi revisi terbuka dan penanda tangan di pihak pelanggan sudah pasti.",
     "没有未解决的修订意见且客户方签字人已确认时为“是”。"),
    ("Resolve redlines", "Selesaikan revisi", "处理修订意见"),
    ("Work through the customer's changes (liability, data protection, payment terms) with the "
     "Account Executive; done when a new draft is agreed.",
     "Bahas perubahan dari pelanggan (tanggung jawab hukum, perlindungan data, syarat "
     "pembayaran) bersama Account Executive; selesai bila draf baru disepakati.",
     "与客户经理一起处理客户的修改（责任、数据保护、付款条件）；新草稿达成一致即告完成。"),
    ("Contract signed", "Kontrak ditandatangani", "合同已签署"),
    ("Closing: both sides sign, Finance books the deal and issues the first invoice, the "
     "opportunity is marked won in the CRM. The deal counts as won here (a milestone): "
     "after-sales goes on with Customer Success.",
     "Penutupan: kedua pihak menandatangani, bagian keuangan mencatat transaksi dan menerbitkan "
     "faktur pertama, peluang ditandai menang di CRM. Transaksi dihitung menang di sini (tonggak): "
     "purnajual berlanjut bersama Customer Success.",
     "成交：双方签字，财务登记交易并开出第一张发票，商机在 CRM 中标记为赢单。交易在此计为赢单"
     "（里程碑）：售后由客户成功团队继续。"),
    ("Onboarding", "Orientasi pelanggan", "客户上线"),
    ("Customer Success Manager", "Manajer Customer Success", "客户成功经理"),
    ("Kick-off meeting, setup, data import and training of the customer's users. Done when the "
     "customer reaches the first agreed success milestone.",
     "Rapat pembukaan, penyiapan, impor data, dan pelatihan pengguna pelanggan. Selesai bila "
     "pelanggan mencapai tonggak keberhasilan pertama yang disepakati.",
     "启动会议、配置、数据导入和客户用户培训。客户达到首个约定的成功里程碑即告完成。"),
    ("Retention and expansion", "Retensi dan perluasan", "客户留存与拓展"),
    ("Quarterly business reviews, health score follow-up, renewals, upsell and cross-sell, asking "
     "for referrals and case studies.",
     "Tinjauan bisnis kuartalan, pemantauan skor kesehatan, perpanjangan, upsell dan cross-sell, "
     "meminta rujukan dan studi kasus.",
     "季度业务回顾、健康度跟进、续约、追加销售和交叉销售、请求推荐和客户案例。"),
    ("Customer renewed", "Pelanggan memperpanjang", "客户已续约"),
    ("The contract is renewed after the first year. The deal was already counted as won when the "
     "contract was signed.",
     "Kontrak diperpanjang setelah tahun pertama. Transaksi sudah dihitung menang saat kontrak "
     "ditandatangani.",
     "合同在第一年后续约。合同签署时该交易已计为赢单。"),
    ("Yes", "Ya", "是"),
    ("No", "Tidak", "否"),
    ("Not yet", "Belum", "暂不"),
    ("buying signals", "sinyal pembelian", "购买信号"),
    ("Needs changes", "Perlu perubahan", "需要修改"),
    ("new version sent", "versi baru dikirim", "新版本已发送"),
    ("Open redlines", "Revisi terbuka", "有修订意见"),
    ("new draft agreed", "draf baru disepakati", "新草稿已达成一致"),
    ("deal won", "transaksi dimenangkan", "赢单"),
]
